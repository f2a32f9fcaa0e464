using System.Text;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Connectors;

/// <summary>
/// The source of a SELECT without FROM (<c>SELECT 1</c>): one record with no columns, then the end.
/// Not configurable from WITH (<see cref="ConnectorCatalog.OneRow"/> is not among the named types).
/// </summary>
internal sealed class OneRowSource(string name) : IRecordSource
{
    private static readonly ReadOnlyMemory<byte> Empty = Encoding.UTF8.GetBytes("{}");
    private bool _read;

    public string Name { get; } = name;

    public bool IsBounded => true;

    public PayloadFormat Format => PayloadFormat.Json;

    public IReadOnlyList<string>? ColumnNames => null;

    public ValueTask<bool> ReadBatchAsync(SourceBatch batch, int maxRecords, CancellationToken cancellationToken)
    {
        batch.Clear();
        if (_read)
        {
            return ValueTask.FromResult(false);
        }
        _read = true;
        ref var record = ref batch.Add();
        record.Value = Empty;
        record.Topic = Name;
        record.Partition = 0;
        record.Offset = 0;
        record.TimestampMs = -1;
        return ValueTask.FromResult(true);
    }

    public ValueTask CommitAsync(IReadOnlyDictionary<int, long>? heldFrom, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
