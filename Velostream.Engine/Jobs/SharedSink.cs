using Velostream.Engine.Connectors;

namespace Velostream.Engine.Jobs;

/// <summary>
/// One file (or standard output) written by the SELECTs of a UNION ALL, each through a handle of its
/// own: writes and flushes take turns, and the last handle disposed closes the file. A Kafka sink is not
/// shared: each SELECT produces to the topic with its own producer, so each commits (or runs its
/// transaction) on its own.
/// </summary>
internal sealed class SharedSink
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private IRecordSink? _inner;
    private int _handles;

    /// <summary>A handle on the shared sink, created by <paramref name="create"/> on the first call.</summary>
    public IRecordSink Open(Func<IRecordSink> create)
    {
        lock (_gate)
        {
            _inner ??= create();
            _handles++;
            return new Handle(this, _inner);
        }
    }

    private async ValueTask Release()
    {
        IRecordSink? last;
        lock (_gate)
        {
            last = --_handles == 0 ? _inner : null;
        }
        if (last is not null) await last.DisposeAsync().ConfigureAwait(false);
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

        public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? shared.Release() : ValueTask.CompletedTask;
    }
}
