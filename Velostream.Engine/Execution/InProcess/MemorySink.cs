using System.Text;
using Velostream.Engine.Connectors;

namespace Velostream.Engine.Execution.InProcess;

/// <summary>
/// A sink that keeps records in memory (tests, benchmarks). With <c>keep: false</c> it only counts
/// and sums bytes, so measuring a query does not measure a growing list.
/// </summary>
internal sealed class MemorySink(string name = "memory", bool keep = true) : IRecordSink
{
    private readonly List<(byte[] Key, byte[] Value, RecordHeaders? Headers, long TimestampMs)> _records = [];

    public string Name { get; } = name;

    public long Count { get; private set; }

    public long Bytes { get; private set; }

    public IReadOnlyList<(byte[] Key, byte[] Value, RecordHeaders? Headers, long TimestampMs)> Records => _records;

    /// <summary>The values as text, one per record.</summary>
    public IReadOnlyList<string> Lines => [.. _records.Select(r => Encoding.UTF8.GetString(r.Value))];

    public IReadOnlyList<string> Keys => [.. _records.Select(r => Encoding.UTF8.GetString(r.Key))];

    public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs)
    {
        Count++;
        Bytes += value.Length;
        if (keep)
        {
            _records.Add((key.ToArray(), value.ToArray(), headers, timestampMs));
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
