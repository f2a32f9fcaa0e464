using Confluent.Kafka;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Writes a job's output to a topic with an idempotent, acks=all producer. <see cref="FlushAsync"/>
/// completes only when the broker has acknowledged everything written; a record the broker finally
/// refused makes it throw, so the job does not commit the input it came from. <see cref="Write"/> is called
/// by one thread at a time (the job's).
/// </summary>
internal sealed class KafkaSink : IRecordSink
{
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly Action<DeliveryReport<byte[]?, byte[]>> _onDelivery;
    private readonly RecordTracer _tracer;
    private long _inFlight;
    private long _delivered;
    private long _failed;
    private Error? _firstFailure;
    private bool _disposed;
    private volatile bool _gaveUp;
    // Outputs often share one header list (those of a batch whose input had no trace context share one
    // unsampled context), and a list handed to a sink is never changed: its Confluent.Kafka copy is reused
    // for the next message carrying the same one.
    private RecordHeaders? _lastHeaders;
    private Headers? _lastKafkaHeaders;

    public KafkaSink(KafkaConnectorSettings settings, string clientId, VelostreamTelemetry telemetry)
        : this(settings.Name, settings.Topic, settings.ClientProperties, clientId, telemetry)
    {
    }

    /// <param name="properties">librdkafka properties including <c>bootstrap.servers</c>.</param>
    /// <param name="telemetry">Where send spans go (<see cref="VelostreamTelemetry.Default"/> in the engine's processes).</param>
    public KafkaSink(string name, string topic, IReadOnlyDictionary<string, string> properties, string clientId, VelostreamTelemetry telemetry)
    {
        _tracer = telemetry.Tracer;
        Name = name;
        Topic = topic;
        _producer = KafkaClients.CreateProducer(properties, clientId);
        _onDelivery = OnDelivery;
    }

    public string Name { get; }

    public string Topic { get; }

    /// <summary>Records the broker has acknowledged.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Records queued or in flight that the broker has not acknowledged (nor refused) yet.</summary>
    public long Unacknowledged => Interlocked.Read(ref _inFlight);

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

    /// <summary>Where a message leaves the engine (tracing injects its context into the headers here).</summary>
    internal void Produce(Message<byte[]?, byte[]> message) => Produce(null, message);

    /// <summary>Produces to a given topic partition (changelog records go to their input's partition; null: this sink's topic), acknowledged by <see cref="FlushAsync"/>.</summary>
    internal void Produce(TopicPartition? destination, Message<byte[]?, byte[]> message)
    {
        Interlocked.Increment(ref _inFlight);
        while (true)
        {
            try
            {
                if (destination is null)
                {
                    _producer.Produce(Topic, message, _onDelivery);
                }
                else
                {
                    _producer.Produce(destination, message, _onDelivery);
                }
                return;
            }
            catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: wait for deliveries to make room in librdkafka's queue (delivery
                // reports are served by the client's background thread, so Poll is not ours to call).
                if (Stopping.IsCancellationRequested)
                {
                    Interlocked.Decrement(ref _inFlight);
                    throw new OperationCanceledException("stopped while the producer's queue was full", Stopping);
                }
                _producer.Flush(TimeSpan.FromMilliseconds(20));
            }
            catch
            {
                Interlocked.Decrement(ref _inFlight);
                throw;
            }
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        while (Interlocked.Read(ref _inFlight) > 0)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // The owner's deadline passed (librdkafka alone would retry for message.timeout.ms, 5
                // minutes by default): what is still in flight stays unacknowledged, and disposing does not wait again.
                _gaveUp = true;
                cancellationToken.ThrowIfCancellationRequested();
            }
            _producer.Flush(TimeSpan.FromMilliseconds(100));
        }
        var failure = Volatile.Read(ref _firstFailure);
        if (failure is not null)
        {
            throw new KafkaException(new Error(failure.Code,
                $"{Interlocked.Read(ref _failed)} record(s) to '{Topic}' were not acknowledged: {failure.Reason}"));
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Stop waiting for the broker: disposing then drops what is still unacknowledged at once.</summary>
    public void GiveUp() => _gaveUp = true;

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }
        _disposed = true;
        // Give queued records a bounded chance to leave; undelivered ones were never acknowledged, so
        // their input was never committed and will be replayed.
        if (!_gaveUp)
        {
            _producer.Flush(TimeSpan.FromSeconds(2));
        }
        _producer.Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnDelivery(DeliveryReport<byte[]?, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref _firstFailure, report.Error, null);
            Interlocked.Increment(ref _failed);
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
        Interlocked.Decrement(ref _inFlight);
    }
}
