using System.Globalization;
using System.Text;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Sends records a job could not process to its dead-letter topic: the original key, value, timestamp
/// and headers (trace context included), plus headers that say what went wrong and where the record
/// came from, so it can be inspected and replayed.
/// </summary>
internal sealed class KafkaDeadLetterWriter : IDeadLetterSink
{
    public const string ErrorTypeHeader = "velostream.error.type";
    public const string ErrorMessageHeader = "velostream.error.message";
    public const string JobHeader = "velostream.job";
    public const string SourceTopicHeader = "velostream.source.topic";
    public const string SourcePartitionHeader = "velostream.source.partition";
    public const string SourceOffsetHeader = "velostream.source.offset";

    private readonly KafkaSink _sink;

    /// <param name="telemetry">Where the dead letters' send spans go (see <see cref="KafkaSink"/>).</param>
    public KafkaDeadLetterWriter(string job, string topic, IReadOnlyDictionary<string, string> producerProperties, VelostreamTelemetry telemetry)
    {
        Job = job;
        _sink = new KafkaSink($"{job}.dlq", topic, producerProperties, $"velostream-{job}-dlq", telemetry);
    }

    /// <summary>Sends through the job's producer, so dead letters share its transaction (its owner disposes it).</summary>
    public KafkaDeadLetterWriter(string job, string topic, JobProducer producer, VelostreamTelemetry telemetry)
    {
        Job = job;
        _sink = new KafkaSink($"{job}.dlq", topic, producer, telemetry);
    }

    /// <summary>The default dead-letter topic of a job: <c>&lt;job&gt;-dlq</c>.</summary>
    public static string DefaultTopic(string job) => $"{job}-dlq";

    public string Job { get; }

    public string Name => _sink.Name;

    public string Topic => _sink.Topic;

    public long Delivered => _sink.Delivered;

    public long Unacknowledged => _sink.Unacknowledged;

    public void WriteDeadLetter(in SourceRecord record, string source, string errorType, string reason) =>
        Write(record, errorType, reason);

    /// <summary>Passes an already encoded record through unchanged.</summary>
    public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs) =>
        _sink.Write(key, value, headers, timestampMs);

    public void Write(in SourceRecord record, string errorType, string message)
    {
        var headers = record.Headers is null ? new RecordHeaders() : new RecordHeaders(record.Headers);
        Add(headers, ErrorTypeHeader, errorType);
        Add(headers, ErrorMessageHeader, message);
        Add(headers, JobHeader, Job);
        Add(headers, SourceTopicHeader, record.Topic ?? "");
        Add(headers, SourcePartitionHeader, record.Partition.ToString(CultureInfo.InvariantCulture));
        Add(headers, SourceOffsetHeader, record.Offset.ToString(CultureInfo.InvariantCulture));
        _sink.Write(record.Key.Span, record.Value.Span, headers, record.TimestampMs);
    }

    /// <summary>Completes when every dead letter is acknowledged (the job commits its input only after).</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken) => _sink.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _sink.DisposeAsync();

    private static void Add(RecordHeaders headers, string name, string value) =>
        headers.Add(new KeyValuePair<string, byte[]>(name, Encoding.UTF8.GetBytes(value)));
}
