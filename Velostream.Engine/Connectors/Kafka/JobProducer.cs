using Confluent.Kafka;
using Velostream.Engine.Execution.State;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// The one Kafka producer of a job: its Kafka sinks, its dead-letter topic and its changelog stores
/// (<see cref="IChangelogWriter"/>) all send through it, so that with transactions on they commit
/// together with the sources' offsets. Idempotent and acks=all always (<see cref="KafkaClients.CreateProducer"/>).
/// The librdkafka client is built on first use, from the properties the job's connectors gave
/// (<see cref="Configure"/>). Called by one thread at a time (the job's); delivery reports arrive on librdkafka's.
/// </summary>
/// <remarks>
/// With a <see cref="TransactionalId"/>, the producer is transactional: <c>InitTransactions</c> when it
/// is built (which fences an older producer with the same id and aborts the transaction it left open, on
/// a real broker), a transaction begun at the first write after each commit, and
/// <see cref="CommitTransactionAsync"/> at the job's commit.
/// </remarks>
internal sealed class JobProducer : ISharedProducer
{
    /// <summary>How long a transaction call (init, offsets, commit, abort) may take before the job fails.</summary>
    public static readonly TimeSpan TransactionCallTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, string> _properties = new(StringComparer.Ordinal);
    private readonly string _clientId;
    private readonly DeliveryCounter _changelog = new();
    private IProducer<byte[]?, byte[]>? _producer;
    private bool _inTransaction;
    private bool _disposed;
    private volatile bool _gaveUp;

    /// <param name="transactionalId">Null for an idempotent producer without transactions.</param>
    public JobProducer(string clientId, string? transactionalId = null)
    {
        _clientId = clientId;
        TransactionalId = transactionalId;
    }

    /// <param name="properties">librdkafka properties including <c>bootstrap.servers</c>.</param>
    public JobProducer(IReadOnlyDictionary<string, string> properties, string clientId, string? transactionalId = null)
        : this(clientId, transactionalId) => Configure(properties, overrideExisting: true);

    public string? TransactionalId { get; }

    public bool IsTransactional => TransactionalId is not null;

    /// <summary>Changelog records written and acknowledged by the broker.</summary>
    public long ChangelogDelivered => _changelog.Delivered;

    /// <summary>
    /// Adds librdkafka properties before the first write: a sink's own settings win
    /// (<paramref name="overrideExisting"/>), connection settings taken from a source only fill gaps.
    /// </summary>
    public void Configure(IReadOnlyDictionary<string, string> properties, bool overrideExisting)
    {
        if (_producer is not null)
        {
            throw new InvalidOperationException("the job's producer is already built: connectors configure it before the first write");
        }
        foreach (var (key, value) in properties)
        {
            if (overrideExisting || !_properties.ContainsKey(key))
            {
                _properties[key] = value;
            }
        }
    }

    /// <summary>
    /// Queues a message (into the open transaction, begun here if needed). A full queue is waited out
    /// until <paramref name="stopping"/> is cancelled, then the write gives up with <see cref="OperationCanceledException"/>.
    /// </summary>
    public void Send(TopicPartition destination, Message<byte[]?, byte[]> message, DeliveryCounter counter, CancellationToken stopping)
    {
        var producer = Producer;
        BeginTransactionIfNeeded(producer);
        counter.Sending();
        while (true)
        {
            try
            {
                producer.Produce(destination, message, counter.OnDelivery);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: wait for deliveries to make room in librdkafka's queue (delivery
                // reports are served by the client's background thread, so Poll is not ours to call).
                if (stopping.IsCancellationRequested)
                {
                    counter.NotSent();
                    throw new OperationCanceledException("stopped while the producer's queue was full", stopping);
                }
                producer.Flush(TimeSpan.FromMilliseconds(20));
            }
            catch
            {
                counter.NotSent();
                throw;
            }
        }
    }

    /// <summary>
    /// Returns when the broker answered for everything <paramref name="counter"/> counted; throws when it
    /// refused a record. Cancelled (the owner's stop deadline), it gives up: disposing then waits no more.
    /// </summary>
    public void WaitForDeliveries(DeliveryCounter counter, string destination, CancellationToken cancellationToken)
    {
        while (counter.InFlight > 0)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // librdkafka alone would retry for message.timeout.ms, 5 minutes by default.
                _gaveUp = true;
                cancellationToken.ThrowIfCancellationRequested();
            }
            _producer!.Flush(TimeSpan.FromMilliseconds(100));
        }
        counter.ThrowIfFailed(destination);
    }

    public void Start() => _ = Producer;

    /// <summary>Stop waiting for the broker: disposing then drops what is still unacknowledged at once.</summary>
    public void GiveUp() => _gaveUp = true;

    /// <summary>A changelog record (null value: a tombstone), in the job's transaction when there is one.</summary>
    public void Write(string topic, int partition, byte[] key, byte[]? value) =>
        Send(new TopicPartition(topic, new Partition(partition)), new Message<byte[]?, byte[]> { Key = key, Value = value! }, _changelog, CancellationToken.None);

    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        WaitForDeliveries(_changelog, "changelog", cancellationToken);
        return ValueTask.CompletedTask;
    }

    public ValueTask CommitTransactionAsync(
        IReadOnlyList<IRecordSource> sources, IReadOnlyList<IReadOnlyDictionary<int, long>?> heldFrom, CancellationToken cancellationToken)
    {
        if (!IsTransactional)
        {
            throw new InvalidOperationException("the job's producer is not transactional");
        }
        var positions = new List<(KafkaSource Source, List<TopicPartitionOffset> Offsets)>();
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is not KafkaSource kafka)
            {
                throw new ConnectorException($"source '{sources[i].Name}' is not a Kafka topic: its position cannot be part of a Kafka transaction");
            }
            if (kafka.PendingOffsets(heldFrom[i]) is { Count: > 0 } offsets)
            {
                positions.Add((kafka, offsets));
            }
        }
        if (!_inTransaction && positions.Count == 0)
        {
            return ValueTask.CompletedTask;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var producer = Producer;
        BeginTransactionIfNeeded(producer);
        try
        {
            foreach (var (source, offsets) in positions)
            {
                // With the consumer's group metadata (generation, member id), so that a broker refuses the
                // offsets of a member that lost these partitions in a rebalance (KIP-447).
                producer.SendOffsetsToTransaction(offsets, source.GroupMetadata, TransactionCallTimeout);
            }
            producer.CommitTransaction(TransactionCallTimeout);
            _inTransaction = false;
        }
        catch (KafkaTxnRequiresAbortException e)
        {
            AbortTransaction();
            throw new ConnectorException(
                $"Kafka transaction aborted ({e.Error.Reason}): none of its outputs, dead letters, changelog records or offsets are committed; "
                + "the job resumes from its last committed offsets", e);
        }
        catch (KafkaException e) when (e.Error.IsFatal || e.Error.Code is ErrorCode.Local_Fenced or ErrorCode.ProducerFenced or ErrorCode.InvalidProducerEpoch)
        {
            _inTransaction = false;
            throw new ConnectorException(
                $"Kafka transaction not committed: the producer with transactional.id '{TransactionalId}' was fenced ({e.Error.Reason}); "
                + "a newer instance of this job owns it, and this one stops without committing", e);
        }
        catch (KafkaException e)
        {
            AbortTransaction();
            throw new ConnectorException($"Kafka transaction not committed ({e.Error.Reason}): it was aborted; the job resumes from its last committed offsets", e);
        }
        foreach (var (source, offsets) in positions)
        {
            source.Committed(offsets);
        }
        return ValueTask.CompletedTask;
    }

    public void AbortTransaction()
    {
        if (!_inTransaction || _producer is null)
        {
            return;
        }
        _inTransaction = false;
        try
        {
            _producer.AbortTransaction(TransactionCallTimeout);
        }
        catch (KafkaException)
        {
            // Fenced, or the broker is gone: the coordinator aborts the transaction when it times out,
            // or when the next instance with this transactional.id calls InitTransactions.
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }
        _disposed = true;
        if (_producer is null)
        {
            return ValueTask.CompletedTask;
        }
        if (IsTransactional)
        {
            // What was not committed must not become visible: abort it rather than wait for it.
            if (!_gaveUp) AbortTransaction();
        }
        else if (!_gaveUp)
        {
            // Give queued records a bounded chance to leave; undelivered ones were never acknowledged, so
            // their input was never committed and will be replayed.
            _producer.Flush(TimeSpan.FromSeconds(2));
        }
        _producer.Dispose();
        return ValueTask.CompletedTask;
    }

    private IProducer<byte[]?, byte[]> Producer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _producer ??= Build();
        }
    }

    private IProducer<byte[]?, byte[]> Build()
    {
        var properties = new Dictionary<string, string>(_properties, StringComparer.Ordinal);
        properties.Remove("transactional.id");
        if (TransactionalId is null)
        {
            return KafkaClients.CreateProducer(properties, _clientId);
        }
        properties["transactional.id"] = TransactionalId;
        var producer = KafkaClients.CreateProducer(properties, _clientId);
        try
        {
            producer.InitTransactions(TransactionCallTimeout);
        }
        catch (KafkaException e)
        {
            producer.Dispose();
            throw new ConnectorException($"Kafka transactions could not start for transactional.id '{TransactionalId}': {e.Error.Reason}", e);
        }
        return producer;
    }

    private void BeginTransactionIfNeeded(IProducer<byte[]?, byte[]> producer)
    {
        if (IsTransactional && !_inTransaction)
        {
            producer.BeginTransaction();
            _inTransaction = true;
        }
    }
}
