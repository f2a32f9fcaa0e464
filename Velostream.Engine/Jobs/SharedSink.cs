using Velostream.Engine.Connectors;

namespace Velostream.Engine.Jobs;

/// <summary>
/// One file (or standard output) written by the SELECTs of a UNION ALL, each through a handle of its
/// own: writes and flushes take turns. A handle's dispose only flushes; the file is closed by the union
/// (<see cref="DisposeAsync"/>) once every SELECT has ended, so a SELECT that finishes before another has
/// opened its handle cannot close the file under it. A Kafka sink is not shared: each SELECT produces to
/// the topic with its own producer, so each commits (or runs its transaction) on its own.
/// </summary>
internal sealed class SharedSink : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private IRecordSink? _inner;
    private bool _closed;

    /// <summary>A handle on the shared sink, created by <paramref name="create"/> on the first call.</summary>
    public IRecordSink Open(Func<IRecordSink> create)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _inner ??= create();
            return new Handle(this, _inner);
        }
    }

    /// <summary>Closes the shared sink (if any SELECT opened it); later <see cref="Open"/> calls throw.</summary>
    public async ValueTask DisposeAsync()
    {
        IRecordSink? inner;
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            inner = _inner;
        }
        if (inner is null) return;
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    private sealed class Handle(SharedSink shared, IRecordSink inner) : IRecordSink
    {
        private int _disposed;

        public string Name => inner.Name;

        public long Unacknowledged => inner.Unacknowledged;

        public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs)
        {
            shared._turn.Wait();
            try
            {
                inner.Write(key, value, headers, timestampMs);
            }
            finally
            {
                shared._turn.Release();
            }
        }

        public async ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            await shared._turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                shared._turn.Release();
            }
        }

        /// <summary>Flushes what this SELECT wrote; the file itself stays open for the others.</summary>
        public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? FlushAsync(CancellationToken.None) : ValueTask.CompletedTask;
    }
}
