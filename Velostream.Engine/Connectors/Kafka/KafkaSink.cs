using Confluent.Kafka;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Writes a job's output to a topic through the job's producer (<see cref="JobProducer"/>: idempotent,
/// acks=all, transactional when the job uses transactions). <see cref="FlushAsync"/> completes only when
/// the broker has acknowledged everything this sink wrote; a record the broker finally
/// refused makes it throw, so the job does not commit the input it came from. <see cref="Write"/> is called
/// by one thread at a time (the job's).
/// </summary>
internal sealed class KafkaSink : IRecordSink
{
    private readonly JobProducer _producer;
    private readonly bool _ownsProducer;
    private readonly DeliveryCounter _deliveries = new();
    private readonly TopicPartition _destination;
    private readonly RecordTracer _tracer;
    // Outputs often share one header list (those of a batch whose input had no trace context share one
    // unsampled context), and a list handed to a sink is never changed: its Confluent.Kafka copy is reused
    // for the next message carrying the same one.
    private RecordHeaders? _lastHeaders;
    private Headers? _lastKafkaHeaders;

    public KafkaSink(KafkaConnectorSettings settings, string clientId, VelostreamTelemetry telemetry)
        : this(settings.Name, settings.Topic, settings.ClientProperties, clientId, telemetry)
    {
    }

    /// <summary>A sink with a producer of its own (loaders, the feed, tests).</summary>
    /// <param name="properties">librdkafka properties including <c>bootstrap.servers</c>.</param>
    /// <param name="telemetry">Where send spans go (<see cref="VelostreamTelemetry.Default"/> in the engine's processes).</param>
    public KafkaSink(string name, string topic, IReadOnlyDictionary<string, string> properties, string clientId, VelostreamTelemetry telemetry)
        : this(name, topic, new JobProducer(properties, clientId), telemetry, ownsProducer: true)
    {
    }

    /// <summary>A sink that sends through <paramref name="producer"/>, shared with the job's other writers (its owner disposes it).</summary>
    public KafkaSink(string name, string topic, JobProducer producer, VelostreamTelemetry telemetry)
        : this(name, topic, producer, telemetry, ownsProducer: false)
    {
    }

    private KafkaSink(string name, string topic, JobProducer producer, VelostreamTelemetry telemetry, bool ownsProducer)
    {
        _tracer = telemetry.Tracer;
        Name = name;
        Topic = topic;
        _destination = new TopicPartition(topic, Partition.Any);
        _producer = producer;
        _ownsProducer = ownsProducer;
    }

    public string Name { get; }

    public string Topic { get; }

    /// <summary>Records the broker has acknowledged.</summary>
    public long Delivered => _deliveries.Delivered;

    /// <summary>Records queued or in flight that the broker has not acknowledged (nor refused) yet.</summary>
    public long Unacknowledged => _deliveries.InFlight;

    /// <summary>
    /// Cancelled when the sink's owner stops: a write waiting for room in a full queue (the broker is
    /// gone) then gives up with <see cref="OperationCanceledException"/> instead of waiting for ever.
    /// </summary>
    public CancellationToken Stopping { get; init; }

    public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs)
    {
        // The PRODUCER span continues the trace context in the headers and puts its own there instead;
        // headers that say "not sampled" get no span and travel unchanged.
        using var send = _tracer.StartSend(Topic, key, ref headers);
        if (!ReferenceEquals(headers, _lastHeaders))
        {
            _lastKafkaHeaders = KafkaHeaders.ToKafka(headers);
            _lastHeaders = headers;
        }
        var message = new Message<byte[]?, byte[]>
        {
            Key = key.IsEmpty ? null : key.ToArray(),
            Value = value.ToArray(),
            // Confluent.Kafka copies headers into librdkafka when producing and, with delivery reports
            // reduced to their status, never hands them back: one instance can serve many messages.
            Headers = _lastKafkaHeaders,
            Timestamp = timestampMs >= 0 ? new Timestamp(timestampMs, TimestampType.CreateTime) : Timestamp.Default,
        };
        Produce(message);
    }

    /// <summary>
    /// Writes a record into partition <paramref name="partition"/> of the topic, untraced: a control record
    /// that every partition must see (the repartition stage's watermarks), or a test's input.
    /// </summary>
    internal void WriteToPartition(int partition, byte[]? key, byte[] value, RecordHeaders? headers, long timestampMs) =>
        _producer.Send(new TopicPartition(Topic, new Partition(partition)), new Message<byte[]?, byte[]>
        {
            Key = key,
            Value = value,
            Headers = KafkaHeaders.ToKafka(headers),
            Timestamp = timestampMs >= 0 ? new Timestamp(timestampMs, TimestampType.CreateTime) : Timestamp.Default,
        }, _deliveries, Stopping);

    /// <summary>Where a message leaves the engine (tracing injects its context into the headers here).</summary>
    internal void Produce(Message<byte[]?, byte[]> message) => _producer.Send(_destination, message, _deliveries, Stopping);

    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _producer.WaitForDeliveries(_deliveries, Topic, cancellationToken);
        return ValueTask.CompletedTask;
    }

    /// <summary>Stop waiting for the broker: disposing then drops what is still unacknowledged at once.</summary>
    public void GiveUp() => _producer.GiveUp();

    public ValueTask DisposeAsync() => _ownsProducer ? _producer.DisposeAsync() : ValueTask.CompletedTask;
}
