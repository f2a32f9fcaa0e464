namespace Velostream.Engine.Connectors;

/// <summary>
/// Where a job's records come from (a file, a Kafka topic). Sources deal in bytes; decoding,
/// evaluation and encoding belong to the engine, so connectors plug in without operator changes.
/// </summary>
public interface IRecordSource : IAsyncDisposable
{
    /// <summary>The source's name in the SQL (the FROM name / the WITH property prefix).</summary>
    string Name { get; }

    /// <summary>True when the source ends (files); false for streams that run until stopped.</summary>
    bool IsBounded { get; }

    PayloadFormat Format { get; }

    /// <summary>Column names for formats that carry them outside the payload (the CSV header row).</summary>
    IReadOnlyList<string>? ColumnNames { get; }

    /// <summary>
    /// Clears <paramref name="batch"/> and fills it with up to <paramref name="maxRecords"/> records.
    /// Returns false once a bounded source is exhausted (the batch is then empty). An unbounded
    /// source returns true with an empty batch when nothing arrived before its poll timeout.
    /// </summary>
    ValueTask<bool> ReadBatchAsync(SourceBatch batch, int maxRecords, CancellationToken cancellationToken);

    /// <summary>
    /// Marks every record handed out so far as done: called by the job only after every output
    /// derived from them has been acknowledged by the sinks (at-least-once), except records still held
    /// in open operator state. <paramref name="heldFrom"/> (partition → offset, or null) names, per
    /// partition, the first offset such state depends on: the source commits that partition no
    /// further than that offset (the record at it is not done), so a restart replays it. Bounded sources
    /// that replay from the start anyway (files) may ignore it.
    /// </summary>
    ValueTask CommitAsync(IReadOnlyDictionary<int, long>? heldFrom, CancellationToken cancellationToken);
}
