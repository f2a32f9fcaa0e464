using Confluent.Kafka;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Reads a topic through a consumer group. Offsets are never committed automatically: the job calls
/// <see cref="CommitAsync"/> once every output derived from the records handed out so far has been
/// acknowledged, and no further than the offsets the job's open state still holds, so a crash or
/// restart replays (never skips) input whose outputs are not durable yet.
/// </summary>
internal sealed class KafkaSource : IRecordSource
{
    private readonly IConsumer<byte[]?, byte[]> _consumer;
    private readonly int _pollTimeoutMs;
    // Next offset to commit per partition, for everything handed out so far.
    private readonly Dictionary<TopicPartition, long> _handedOut = [];
    // What was last committed per partition: a held-back partition is committed later, once released.
    private readonly Dictionary<TopicPartition, long> _committed = [];
    private readonly Lock _gate = new();
    private bool _disposed;
    private long _transientErrors;
    private long _lag;
    private long _lagMeasuredAt = long.MinValue;
    // The batch being filled, while a read runs: records of partitions revoked in the middle of it are taken out.
    private SourceBatch? _filling;

    public KafkaSource(KafkaConnectorSettings settings, string clientId, int pollTimeoutMs = 100)
        : this(settings.Name, [settings.Topic], settings.ClientProperties, clientId, pollTimeoutMs)
    {
    }

    /// <param name="properties">librdkafka properties including <c>bootstrap.servers</c> and <c>group.id</c>.</param>
    public KafkaSource(string name, IReadOnlyList<string> topics, IReadOnlyDictionary<string, string> properties, string clientId, int pollTimeoutMs = 100)
    {
        Name = name;
        Topics = topics;
        Topic = string.Join(",", topics);
        ConsumerGroup = properties.GetValueOrDefault("group.id");
        ConnectionProperties = KafkaConnectorSettings.ConnectionOnly(properties);
        _pollTimeoutMs = pollTimeoutMs;
        _consumer = KafkaClients.CreateConsumer(properties, clientId, OnPartitionsLost, onPartitionsAssigned: OnPartitionsAssigned, onPartitionsRevoked: OnPartitionsRevoked);
        _consumer.Subscribe(topics);
    }

    public string Name { get; }

    public IReadOnlyList<string> Topics { get; }

    /// <summary>How to reach the source's cluster (bootstrap servers and security settings), for the job's other clients.</summary>
    public IReadOnlyDictionary<string, string> ConnectionProperties { get; }

    /// <summary>Told when partitions join or leave this source (the job's per-partition operator chains); set before the first read.</summary>
    public IPartitionListener? Partitions { get; set; }

    /// <summary>The subscribed topic (comma-separated when several).</summary>
    public string Topic { get; }

    /// <summary>The consumer group (<c>group.id</c>), put on every batch for the records' consumer spans.</summary>
    public string? ConsumerGroup { get; }

    public bool IsBounded => false;

    /// <summary>Partitions the consumer group assigns to this consumer now (a rebalance changes them).</summary>
    public int AssignedPartitions => _consumer.Assignment.Count;

    /// <summary>The last transient consume error (the source keeps going after those).</summary>
    public string? LastError { get; private set; }

    /// <summary>Transient consume errors seen so far.</summary>
    public long TransientErrors => Interlocked.Read(ref _transientErrors);

    public PayloadFormat Format => PayloadFormat.Json;

    public IReadOnlyList<string>? ColumnNames => null;

    /// <summary>
    /// Records waiting on the broker behind this consumer's position, over its assigned partitions, as measured
    /// by the last read (at most every <see cref="LagRefreshMs"/>). Never waits: it is read by the metrics
    /// exporter's collection, which used to take the source's lock for it and queued behind the job's polls,
    /// one after another, so that collections, and with them every engine metric, stalled for minutes.
    /// </summary>
    public long Lag => Interlocked.Read(ref _lag);

    /// <summary>How often a read measures <see cref="Lag"/> (it asks librdkafka about every assigned partition).</summary>
    public const int LagRefreshMs = 500;

    public ValueTask<bool> ReadBatchAsync(SourceBatch batch, int maxRecords, CancellationToken cancellationToken)
    {
        batch.Clear();
        batch.ConsumerGroup = ConsumerGroup;
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _filling = batch;
            var timeout = _pollTimeoutMs;
            while (batch.Count < maxRecords)
            {
                ConsumeResult<byte[]?, byte[]>? result;
                try
                {
                    result = _consumer.Consume(timeout);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    // Fetch errors (leader moved, broker down, timeouts) are retried by librdkafka from
                    // the same position: nothing is skipped, so report and carry on.
                    LastError = e.Error.Reason;
                    Interlocked.Increment(ref _transientErrors);
                    break;
                }
                if (result is null)
                {
                    break;
                }
                if (result.IsPartitionEOF)
                {
                    continue;
                }
                HandOut(batch, result);
                // Once something arrived, take only what is already buffered: latency over batch size.
                timeout = 0;
            }
            _filling = null;
            MeasureLag();
        }
        return ValueTask.FromResult(true);
    }

    public ValueTask CommitAsync(IReadOnlyDictionary<int, long>? heldFrom, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (PendingOffsets(heldFrom) is not { Count: > 0 } offsets)
            {
                return ValueTask.CompletedTask;
            }
            Commit(offsets, cancellationToken);
            Committed(offsets);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The offsets a commit now would write: per partition, past everything handed out, but no further
    /// than <paramref name="heldFrom"/> (see <see cref="IRecordSource.CommitAsync"/>), and only where that
    /// moves past the last commit. Empty when there is nothing to commit. A transactional job sends these
    /// with its transaction instead of committing them here, then reports them <see cref="Committed"/>.
    /// </summary>
    public List<TopicPartitionOffset> PendingOffsets(IReadOnlyDictionary<int, long>? heldFrom)
    {
        var offsets = new List<TopicPartitionOffset>();
        lock (_gate)
        {
            if (_disposed)
            {
                return offsets;
            }
            foreach (var (partition, next) in _handedOut)
            {
                // Records from the held offset on still feed open state: commit up to it, not past it.
                var target = heldFrom is not null && heldFrom.TryGetValue(partition.Partition.Value, out var held) && held < next ? held : next;
                if (_committed.TryGetValue(partition, out var done) && target <= done) continue;
                offsets.Add(new TopicPartitionOffset(partition, new Offset(target)));
            }
        }
        return offsets;
    }

    /// <summary>Records that <paramref name="offsets"/> are committed (by this source, or in the job's transaction).</summary>
    public void Committed(IEnumerable<TopicPartitionOffset> offsets)
    {
        lock (_gate)
        {
            foreach (var offset in offsets)
            {
                _committed[offset.TopicPartition] = offset.Offset.Value;
            }
        }
    }

    /// <summary>
    /// The consumer's group metadata (group, generation, member id), which a transaction's offsets are
    /// sent with, so that the broker refuses them from a member that lost the partitions (KIP-447).
    /// </summary>
    public IConsumerGroupMetadata GroupMetadata
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _consumer.ConsumerGroupMetadata;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }
            _disposed = true;
            // Closing revokes every partition: the job has already committed and closed its state.
            Partitions = null;
            try
            {
                // Leave the group at once so a restarted job gets the partitions without a session timeout.
                _consumer.Close();
            }
            catch (KafkaException)
            {
                // The broker is unreachable: the group will expire the member on its own.
            }
            _consumer.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>On the reading thread, holding the gate: librdkafka's cached watermarks and positions, no broker round trip.</summary>
    private void MeasureLag()
    {
        var now = Environment.TickCount64;
        if (now - _lagMeasuredAt < LagRefreshMs)
        {
            return;
        }
        _lagMeasuredAt = now;
        long lag = 0;
        foreach (var partition in _consumer.Assignment)
        {
            var marks = _consumer.GetWatermarkOffsets(partition);
            var position = _consumer.Position(partition);
            if (marks.High.IsSpecial)
            {
                continue;
            }
            var from = position.IsSpecial ? marks.Low.Value : position.Value;
            lag += Math.Max(0, marks.High.Value - from);
        }
        Interlocked.Exchange(ref _lag, lag);
    }

    /// <summary>Where a consumed message enters the engine (tracing continues the producer's context here).</summary>
    private void HandOut(SourceBatch batch, ConsumeResult<byte[]?, byte[]> result)
    {
        var message = result.Message;
        ref var record = ref batch.Add();
        record.Value = message.Value ?? [];
        record.Key = message.Key ?? [];
        record.Headers = KafkaHeaders.ToRecord(message.Headers);
        record.Topic = result.Topic;
        record.Partition = result.Partition.Value;
        record.Offset = result.Offset.Value;
        record.TimestampMs = message.Timestamp.Type == TimestampType.NotAvailable ? -1 : message.Timestamp.UnixTimestampMs;
        _handedOut[result.TopicPartition] = result.Offset.Value + 1;
    }

    private void Commit(List<TopicPartitionOffset> offsets, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _consumer.Commit(offsets);
                return;
            }
            catch (TopicPartitionOffsetException e)
            {
                // Partitions taken away by a rebalance cannot be committed by us any more; their new
                // owner resumes from the last commit, which re-delivers (never loses) those records.
                offsets = [.. e.Results.Where(r => r.Error.IsError && !IsOwnershipLoss(r.Error.Code)).Select(r => r.TopicPartitionOffset)];
                if (offsets.Count == 0)
                {
                    return;
                }
            }
            catch (KafkaException e) when (!e.Error.IsFatal && attempt < 20)
            {
                if (IsOwnershipLoss(e.Error.Code))
                {
                    return;
                }
            }
            if (attempt >= 20)
            {
                throw new KafkaException(new Error(ErrorCode.Local_Fail, $"offset commit for '{Topic}' kept failing"));
            }
            cancellationToken.WaitHandle.WaitOne(Math.Min(50 * attempt, 500));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static bool IsOwnershipLoss(ErrorCode code) =>
        code is ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId or ErrorCode.RebalanceInProgress
            or ErrorCode.Local_State or ErrorCode.Local_UnknownPartition;

    private IEnumerable<TopicPartitionOffset> OnPartitionsAssigned(IConsumer<byte[]?, byte[]> consumer, List<TopicPartition> assigned)
    {
        // Called from inside Consume (we hold the gate), before any record of these partitions is handed out.
        var starts = Partitions?.Assigned([.. assigned.Select(p => p.Partition.Value)]);
        return assigned.Select(p => new TopicPartitionOffset(p,
            starts is not null && starts.TryGetValue(p.Partition.Value, out var start) ? new Offset(start) : Offset.Unset));
    }

    private void OnPartitionsRevoked(IConsumer<byte[]?, byte[]> consumer, List<TopicPartitionOffset> revoked) => Forget(revoked, commit: true);

    private void OnPartitionsLost(IConsumer<byte[]?, byte[]> consumer, List<TopicPartitionOffset> lost) => Forget(lost, commit: false);

    /// <summary>
    /// Partitions leave (called from inside Consume, holding the gate): their records not handed to the job
    /// yet are taken out of the batch being filled (their next owner reads them), the job commits what it did
    /// read (for a revocation; a lost partition can no longer be committed) and drops their state.
    /// </summary>
    private void Forget(List<TopicPartitionOffset> leaving, bool commit)
    {
        var ids = leaving.Select(p => p.Partition.Value).ToHashSet();
        if (_filling is { } batch)
        {
            foreach (var record in batch.Records)
            {
                if (!ids.Contains(record.Partition)) continue;
                var partition = new TopicPartition(record.Topic, record.Partition);
                if (!_handedOut.TryGetValue(partition, out var next) || record.Offset < next) _handedOut[partition] = record.Offset;
            }
            batch.RemoveWhere(r => ids.Contains(r.Partition));
        }
        if (!commit)
        {
            // Lost: nothing of them may be committed any more; their state is dropped all the same.
            ForgetOffsets(leaving);
        }
        Partitions?.Revoked([.. ids]);
        ForgetOffsets(leaving);
    }

    private void ForgetOffsets(List<TopicPartitionOffset> partitions)
    {
        foreach (var partition in partitions)
        {
            _handedOut.Remove(partition.TopicPartition);
            _committed.Remove(partition.TopicPartition);
        }
    }
}
