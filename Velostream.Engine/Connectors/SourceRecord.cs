namespace Velostream.Engine.Connectors;

/// <summary>
/// One raw input message as a source hands it to the engine: the undecoded payload plus where it
/// came from. The engine decodes only the fields a query reads, straight from <see cref="Value"/>.
/// </summary>
/// <remarks>
/// Memory behind <see cref="Value"/> and <see cref="Key"/> belongs to the source and is valid only
/// until the next <see cref="IRecordSource.ReadBatchAsync"/> call; operators that keep a record
/// (windows, joins) copy what they need.
/// </remarks>
public struct SourceRecord
{
    public ReadOnlyMemory<byte> Value;
    public ReadOnlyMemory<byte> Key;
    public RecordHeaders? Headers;
    /// <summary>Kafka topic, or the source name for files.</summary>
    public string? Topic;
    public int Partition;
    /// <summary>Kafka offset, or the 1-based line number for files (used in error locations).</summary>
    public long Offset;
    /// <summary>Message timestamp in epoch milliseconds; -1 when the source has none.</summary>
    public long TimestampMs;
}
