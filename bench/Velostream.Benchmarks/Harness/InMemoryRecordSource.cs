using Velostream.Benchmarks.Data;
using Velostream.Engine.Connectors;

namespace Velostream.Benchmarks.Harness;

/// <summary>
/// A bounded source over a generated data set already in memory: hands out slices of the one
/// buffer (no copy, no I/O), so the engine is measured from the decoding of the bytes onwards.
/// </summary>
internal sealed class InMemoryRecordSource(string name, JsonLines lines) : IRecordSource
{
    private int _next;

    public string Name => name;

    public bool IsBounded => true;

    public PayloadFormat Format => PayloadFormat.Json;

    public IReadOnlyList<string>? ColumnNames => null;

    /// <summary>Starts again from the first record (between benchmark iterations).</summary>
    public void Rewind() => _next = 0;

    public ValueTask<bool> ReadBatchAsync(SourceBatch batch, int maxRecords, CancellationToken cancellationToken)
    {
        batch.Clear();
        var end = Math.Min(lines.Count, _next + maxRecords);
        for (; _next < end; _next++)
        {
            ref var record = ref batch.Add();
            record.Value = lines.Line(_next);
            record.Topic = name;
            record.Offset = _next + 1;
            record.TimestampMs = -1;
        }
        return ValueTask.FromResult(batch.Count > 0);
    }

    public ValueTask CommitAsync(IReadOnlyDictionary<int, long>? heldFrom, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
