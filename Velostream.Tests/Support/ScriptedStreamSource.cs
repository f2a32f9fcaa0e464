using System.Text;
using Velostream.Engine.Connectors;

namespace Velostream.Tests.Support;

/// <summary>
/// An unbounded JSON-lines source, as a Kafka topic looks to a job: each read hands out the next of the
/// batches it was given (each record's timestamp is its <c>ts</c>), and once they are all read every
/// further read comes back empty after a short wait, without the source ever ending.
/// </summary>
internal sealed class ScriptedStreamSource(string name, params (long Ts, string Json)[][] batches) : IRecordSource
{
    private int _next;
    private long _offset;

    public string Name { get; } = name;

    public bool IsBounded => false;

    public PayloadFormat Format => PayloadFormat.Json;

    public IReadOnlyList<string>? ColumnNames => null;

    /// <summary>Reads that handed out records (the others came back empty).</summary>
    public int BatchesRead => _next;

    public async ValueTask<bool> ReadBatchAsync(SourceBatch batch, int maxRecords, CancellationToken cancellationToken)
    {
        batch.Clear();
        if (_next == batches.Length)
        {
            await Task.Delay(10, cancellationToken);
            return true;
        }
        foreach (var (ts, json) in batches[_next++])
        {
            ref var record = ref batch.Add();
            record.Value = Encoding.UTF8.GetBytes(json);
            record.Topic = Name;
            record.Offset = _offset++;
            record.TimestampMs = ts;
        }
        return true;
    }

    public ValueTask CommitAsync(IReadOnlyDictionary<int, long>? heldFrom, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
