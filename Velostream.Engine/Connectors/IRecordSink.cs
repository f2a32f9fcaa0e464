namespace Velostream.Engine.Connectors;

/// <summary>Where a job's results go (a file, a Kafka topic, standard output).</summary>
public interface IRecordSink : IAsyncDisposable
{
    string Name { get; }

    /// <summary>
    /// Queues one encoded output record. The spans are only valid during the call: the sink copies
    /// what it keeps. <paramref name="timestampMs"/> is the record's event time (-1 when none).
    /// </summary>
    void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs);

    /// <summary>Completes when every record written so far is durable (flushed, or acknowledged by the broker).</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);

    /// <summary>Records written but not yet durable (for a Kafka sink: not acknowledged by the broker).</summary>
    long Unacknowledged => 0;
}
