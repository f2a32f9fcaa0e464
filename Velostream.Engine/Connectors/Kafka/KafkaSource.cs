using Confluent.Kafka;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Reads a topic through a consumer group. Offsets are never committed automatically: the job calls
/// <see cref="CommitAsync"/> once every output derived from the records handed out so far has been
/// acknowledged, and no further than the offsets the job's open state still holds, so a crash or
/// restart replays (never skips) input whose outputs are not durable yet.
/// </summary>
/// <remarks>
/// The inputs of a join share one consumer (<see cref="CoPartitioned"/>), as in Kafka Streams: subscribed
/// to all their topics with the range assignor, it gets the same partition numbers of every topic, so
/// partition p of both inputs is read by the same replica. Each input is then a <see cref="KafkaSource"/>
/// over its own topic of that consumer: a record polled for another input waits in the consumer's stash
/// until that input is read (a read stops polling while the stash is full, so the other input gets its turn).
/// </remarks>
internal sealed class KafkaSource : IRecordSource
{
    private readonly SharedConsumer _shared;
    private readonly IConsumer<byte[]?, byte[]> _consumer;
    private int _pollTimeoutMs;
    // Shared by the consumer's sources (keyed by topic and partition, so each sees only its own).
    // Next offset to commit per partition, for everything handed out so far.
    private readonly Dictionary<TopicPartition, long> _handedOut;
    // What was last committed per partition: a held-back partition is committed later, once released.
    private readonly Dictionary<TopicPartition, long> _committed;
    private readonly Lock _gate;
    private bool _disposed;
    private long _transientErrors;
    private long _lag;
    private long _lagMeasuredAt = long.MinValue;

    public KafkaSource(KafkaConnectorSettings settings, string clientId, int pollTimeoutMs = 100)
        : this(settings.Name, [settings.Topic], settings.ClientProperties, clientId, pollTimeoutMs)
    {
    }

    /// <param name="properties">librdkafka properties including <c>bootstrap.servers</c> and <c>group.id</c>.</param>
    public KafkaSource(string name, IReadOnlyList<string> topics, IReadOnlyDictionary<string, string> properties, string clientId, int pollTimeoutMs = 100)
        : this(name, topics, new SharedConsumer(properties, clientId, topics), pollTimeoutMs)
    {
    }

    private KafkaSource(string name, IReadOnlyList<string> topics, SharedConsumer shared, int pollTimeoutMs)
    {
        Name = name;
        Topics = topics;
        Topic = string.Join(",", topics);
        ConsumerGroup = shared.Properties.GetValueOrDefault("group.id");
        ConnectionProperties = KafkaConnectorSettings.ConnectionOnly(shared.Properties);
        _pollTimeoutMs = pollTimeoutMs;
        _shared = shared;
        _gate = shared.Gate;
        _handedOut = shared.HandedOut;
        _committed = shared.Committed;
        shared.Sources.Add(this);
        _consumer = shared.Consumer;
    }

    /// <summary>
    /// The table side of a stream–table join, as Kafka Streams reads a GlobalKTable: every partition of
    /// <paramref name="topic"/> assigned to this consumer (no group membership, nothing committed), read
    /// from the beginning, so every replica holds the whole table; the topic is its own changelog.
    /// <see cref="CaughtUp"/> tells when every partition has been read to its end once; from then on a read
    /// takes only what is already fetched (no waiting), so the job can look for table updates between stream batches.
    /// </summary>
    public static KafkaSource Global(string name, string topic, int partitions, IReadOnlyDictionary<string, string> properties, string clientId, int pollTimeoutMs = 100)
    {
        var config = new Dictionary<string, string>(properties) { ["enable.partition.eof"] = "true" };
        var shared = new SharedConsumer(config, clientId, [topic], Math.Max(1, partitions));
        return new KafkaSource(name, [topic], shared, pollTimeoutMs) { ConsumerGroup = null };
    }

    /// <summary>A <see cref="Global"/> source (every partition, assigned): never commits.</summary>
    public bool IsGlobal => _shared.Assigned is not null;

    /// <summary>The records handed out so far, as the sum over this source's partitions of the next offset to read.</summary>
    public long Position
    {
        get
        {
            lock (_gate)
            {
                return _handedOut.Where(p => Owns(p.Key)).Sum(p => p.Value);
            }
        }
    }

    private bool CaughtUpUnlocked => _shared.Assigned is { } all && all.All(_shared.AtEnd.Contains);

    /// <summary>A <see cref="Global"/> source has read every partition to the end it had when first reached.</summary>
    public bool CaughtUp
    {
        get
        {
            lock (_gate)
            {
                return CaughtUpUnlocked;
            }
        }
    }

    /// <summary>
    /// Sources (name, topic) read through one consumer in the group <c>group.id</c> of <paramref name="properties"/>,
    /// subscribed to every topic, with the range assignor unless <c>partition.assignment.strategy</c> says otherwise
    /// (so equal partition numbers of equally partitioned topics go to the same member).
    /// </summary>
    public static IReadOnlyList<KafkaSource> CoPartitioned(
        IReadOnlyList<(string Name, string Topic)> sources, IReadOnlyDictionary<string, string> properties, string clientId, int pollTimeoutMs = 100)
    {
        var config = new Dictionary<string, string>(properties);
        config.TryAdd("partition.assignment.strategy", "range");
        var shared = new SharedConsumer(config, clientId, [.. sources.Select(s => s.Topic)]);
        return [.. sources.Select(s => new KafkaSource(s.Name, [s.Topic], shared, pollTimeoutMs))];
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
    public string? ConsumerGroup { get; private init; }

    public bool IsBounded => false;

    /// <summary>Partitions of this source's topics the consumer group assigns to this consumer now (a rebalance changes them).</summary>
    public int AssignedPartitions => _consumer.Assignment.Count(Owns);

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
            _shared.Filling = batch;
            // Records polled earlier for this source, while another source of the consumer was read.
            _shared.TakeStashed(this, maxRecords - batch.Count, result => HandOut(batch, result));
            var timeout = batch.Count > 0 ? 0 : _pollTimeoutMs;
            while (batch.Count < maxRecords && !_shared.StashFull)
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
                    if (_shared.AtEnd.Add(result.TopicPartition) && CaughtUpUnlocked) _pollTimeoutMs = 0;
                    continue;
                }
                if (Owns(result.TopicPartition))
                {
                    HandOut(batch, result);
                }
                else
                {
                    _shared.Stash(result);
                }
                // Once something arrived, take only what is already buffered: latency over batch size.
                timeout = 0;
            }
            _shared.Filling = null;
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
            if (_disposed || IsGlobal)
            {
                return offsets;
            }
            foreach (var (partition, next) in _handedOut)
            {
                if (!Owns(partition)) continue;
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
            // A consumer shared by several sources is closed with the last of them.
            if (!_shared.Release()) return ValueTask.CompletedTask;
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
            if (!Owns(partition)) continue;
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

    private bool Owns(TopicPartition partition) => Topics.Contains(partition.Topic);

    /// <summary>Called from inside Consume (the gate held), before any record of these partitions is handed out.</summary>
    private IEnumerable<TopicPartitionOffset> Assigned(List<TopicPartition> assigned)
    {
        var own = assigned.Where(Owns).ToList();
        var starts = Partitions?.Assigned([.. own.Select(p => p.Partition.Value)]);
        return own.Select(p => new TopicPartitionOffset(p,
            starts is not null && starts.TryGetValue(p.Partition.Value, out var start) ? new Offset(start) : Offset.Unset));
    }

    /// <summary>
    /// Partitions leave (called from inside Consume, holding the gate): their records not handed to the job
    /// yet are taken out of the batch being filled (their next owner reads them), the job commits what it did
    /// read (for a revocation; a lost partition can no longer be committed) and drops their state.
    /// </summary>
    private void Forget(List<TopicPartitionOffset> leaving, bool commit)
    {
        leaving = [.. leaving.Where(p => Owns(p.TopicPartition))];
        if (leaving.Count == 0) return;
        var ids = leaving.Select(p => p.Partition.Value).ToHashSet();
        if (_shared.Filling is { } batch)
        {
            foreach (var record in batch.Records)
            {
                if (!Topics.Contains(record.Topic) || !ids.Contains(record.Partition)) continue;
                var partition = new TopicPartition(record.Topic, record.Partition);
                if (!_handedOut.TryGetValue(partition, out var next) || record.Offset < next) _handedOut[partition] = record.Offset;
            }
            batch.RemoveWhere(r => Topics.Contains(r.Topic) && ids.Contains(r.Partition));
        }
        _shared.Unstash([.. leaving.Select(p => p.TopicPartition)]);
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

    /// <summary>
    /// One consumer and what its sources share: the gate, the offsets handed out and committed, the batch
    /// being filled, and the records polled for a source other than the one reading (the stash).
    /// </summary>
    private sealed class SharedConsumer
    {
        // A read stops polling once this many records wait for the consumer's other sources.
        private const int StashLimit = 16_384;

        // Per topic (each source of a shared consumer reads one), in the order polled.
        private readonly Dictionary<string, Queue<ConsumeResult<byte[]?, byte[]>>> _stash = [];
        private int _stashed;

        public SharedConsumer(IReadOnlyDictionary<string, string> properties, string clientId, IReadOnlyList<string> topics, int? assignAll = null)
        {
            Properties = properties;
            Consumer = KafkaClients.CreateConsumer(properties, clientId,
                (_, lost) => Each(source => source.Forget(lost, commit: false)),
                onPartitionsAssigned: (_, assigned) => [.. Sources.SelectMany(source => source.Assigned(assigned))],
                onPartitionsRevoked: (_, revoked) => Each(source => source.Forget(revoked, commit: true)));
            if (assignAll is { } count)
            {
                // No group: every partition, from the beginning (never from a committed offset).
                Assigned = [.. Enumerable.Range(0, count).Select(p => new TopicPartition(topics[0], p))];
                Consumer.Assign(Assigned.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
            }
            else
            {
                Consumer.Subscribe(topics);
            }
        }

        /// <summary>Every partition, when assigned rather than subscribed (<see cref="Global"/>); else null.</summary>
        public IReadOnlyList<TopicPartition>? Assigned { get; }

        /// <summary>The assigned partitions read to their end at least once.</summary>
        public HashSet<TopicPartition> AtEnd { get; } = [];

        public IReadOnlyDictionary<string, string> Properties { get; }

        public IConsumer<byte[]?, byte[]> Consumer { get; }

        public Lock Gate { get; } = new();

        public Dictionary<TopicPartition, long> HandedOut { get; } = [];

        public Dictionary<TopicPartition, long> Committed { get; } = [];

        public List<KafkaSource> Sources { get; } = [];

        // The batch being filled, while a read runs: records of partitions revoked in the middle of it are taken out.
        public SourceBatch? Filling { get; set; }

        public bool StashFull => _stashed >= StashLimit;

        public void Stash(ConsumeResult<byte[]?, byte[]> result)
        {
            if (!_stash.TryGetValue(result.Topic, out var queue)) _stash[result.Topic] = queue = new();
            queue.Enqueue(result);
            _stashed++;
        }

        /// <summary>Hands up to <paramref name="max"/> stashed records of <paramref name="source"/> out, in the order they were polled.</summary>
        public void TakeStashed(KafkaSource source, int max, Action<ConsumeResult<byte[]?, byte[]>> handOut)
        {
            if (_stashed == 0) return;
            foreach (var topic in source.Topics)
            {
                if (!_stash.TryGetValue(topic, out var queue)) continue;
                for (; max > 0 && queue.Count > 0; max--, _stashed--)
                {
                    handOut(queue.Dequeue());
                }
            }
        }

        /// <summary>A source is disposed: true when it was the last, and the consumer is to be closed.</summary>
        public bool Release() => Sources.All(s => s._disposed);

        /// <summary>Drops the stashed records of <paramref name="leaving"/> (their next owner reads them).</summary>
        public void Unstash(IReadOnlyCollection<TopicPartition> leaving)
        {
            foreach (var topic in leaving.Select(p => p.Topic).Distinct())
            {
                if (!_stash.TryGetValue(topic, out var queue)) continue;
                var before = queue.Count;
                _stash[topic] = new(queue.Where(r => !leaving.Contains(r.TopicPartition)));
                _stashed -= before - _stash[topic].Count;
            }
        }

        private void Each(Action<KafkaSource> action)
        {
            foreach (var source in Sources) action(source);
        }
    }
}
