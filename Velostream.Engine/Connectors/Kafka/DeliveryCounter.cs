using Confluent.Kafka;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Counts what one writer (a sink, the dead-letter topic, the changelog writes) handed to the job's
/// producer and what the broker answered, so that each can tell whether everything it wrote is
/// acknowledged. Delivery reports arrive on librdkafka's thread; the rest on the job's.
/// </summary>
internal sealed class DeliveryCounter
{
    private long _inFlight;
    private long _delivered;
    private long _failed;
    private Error? _firstFailure;

    public DeliveryCounter() => OnDelivery = Report;

    /// <summary>The delivery handler to produce with.</summary>
    public Action<DeliveryReport<byte[]?, byte[]>> OnDelivery { get; }

    /// <summary>Records the broker has acknowledged.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Records queued or in flight that the broker has not acknowledged (nor refused) yet.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>A record is about to be handed to the producer.</summary>
    public void Sending() => Interlocked.Increment(ref _inFlight);

    /// <summary>A record counted by <see cref="Sending"/> never reached the producer.</summary>
    public void NotSent() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Throws when the broker finally refused a record written to <paramref name="destination"/>.</summary>
    public void ThrowIfFailed(string destination)
    {
        var failure = Volatile.Read(ref _firstFailure);
        if (failure is not null)
        {
            throw new KafkaException(new Error(failure.Code,
                $"{Interlocked.Read(ref _failed)} record(s) to '{destination}' were not acknowledged: {failure.Reason}"));
        }
    }

    private void Report(DeliveryReport<byte[]?, byte[]> report)
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
