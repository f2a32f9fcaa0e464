using Velostream.Engine.Connectors;

namespace Velostream.Benchmarks.Harness;

/// <summary>
/// A sink that keeps nothing: it counts records and bytes, so the engine's encoding is measured
/// but no storage or I/O is. Contenders report their output row counts through it, which the
/// runner compares across contenders as a sanity check.
/// </summary>
internal sealed class CountingSink(string name) : IRecordSink
{
    public string Name => name;

    public long Records { get; private set; }

    public long Bytes { get; private set; }

    public void Reset()
    {
        Records = 0;
        Bytes = 0;
    }

    public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs)
    {
        Records++;
        Bytes += value.Length;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
