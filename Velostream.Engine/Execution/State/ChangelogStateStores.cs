using Velostream.Engine.Execution.Formats.Keys;
using Velostream.Engine.Execution.State.Codecs;

namespace Velostream.Engine.Execution.State;

/// <summary>
/// Opens stores backed by compacted changelog topics, one topic per operator
/// (<see cref="TopicName"/>), one topic partition per input partition. A store is restored from its
/// partition (read to its end) before it is returned; <see cref="Flush"/>ing the stores writes the
/// keys they changed, and <see cref="Checkpoint"/> then records which input positions that state
/// includes, so a restored partition resumes exactly there. Stores opened without a codec, or for no
/// input partition, stay in memory only.
/// </summary>
/// <remarks>
/// A checkpoint is the records one flush wrote followed, once the broker acknowledged them all, by a
/// positions record in each of the partition's changelogs, numbered (its generation). A process killed
/// while writing them leaves some behind in a topic after its last positions record: state that
/// includes input past the positions last recorded. Restoring reads every changelog of the partition
/// (the <c>operators</c> the job has) together: where another changelog has the next generation's
/// positions record, the checkpoint had reached the positions records, so those records are complete
/// and applied; otherwise none of them is (a restart reads that input again and folds it once), and
/// the next flush writes those keys again, as restored, so they no longer hide the restored values.
/// </remarks>
/// <param name="operators">The stateful operators of the job, whose changelogs are restored together (null: each on its own).</param>
internal sealed class ChangelogStateStores(string application, IChangelogWriter writer, IChangelogReader reader, IReadOnlyList<string>? operators = null)
    : IStateStoreProvider
{
    private const byte PositionsVersion = 2;

    private readonly List<IStateStore> _stores = [];
    // Per topic partition opened: where its stores write, and what restoring it read, by store, until each store takes its own.
    private readonly Dictionary<(string Topic, int Partition), ChangelogTarget> _targets = [];
    private readonly Dictionary<(string Topic, int Partition), Restored> _restored = [];
    // Per input partition, the generation of the last checkpoint restored or written.
    private readonly Dictionary<int, long> _generations = [];
    private readonly StateWriter _positions = new();

    /// <summary>The changelog topic of one operator of one job: <c>&lt;app&gt;-&lt;job&gt;-&lt;operator&gt;-changelog</c>.</summary>
    public static string TopicName(string application, string job, string op) => $"{application}-{job}-{op}-changelog";

    public IReadOnlyList<IStateStore> Stores => _stores;

    public IKeyValueStore<TValue> KeyValueStore<TValue>(StateStoreId id, IStateCodec<TValue>? codec = null) where TValue : class
    {
        if (InMemoryStateStores.Find<TValue>(_stores, id) is { } open) return open;
        IKeyValueStore<TValue> store;
        if (codec is null || id.Partition == StateStoreId.Unpartitioned)
        {
            store = new InMemoryKeyValueStore<TValue>(id);
        }
        else
        {
            var target = Target(id.Job, id.Operator, id.Partition);
            var changelog = new ChangelogKeyValueStore<TValue>(id, target, codec);
            var restored = _restored[(target.Topic, target.Partition)];
            if (restored.Checkpointed.Remove(id.Store, out var entries))
            {
                foreach (var (key, value) in entries)
                {
                    changelog.Restore(key, value);
                }
            }
            foreach (var (name, key, _) in restored.Unfinished)
            {
                if (name == id.Store) changelog.MarkChanged(key);
            }
            store = changelog;
        }
        _stores.Add(store);
        return store;
    }

    /// <summary>
    /// The input positions (per source, the next offset; -1 for none) the restored state of
    /// <paramref name="partition"/> includes: the lowest its operators recorded. Null when nothing was recorded.
    /// </summary>
    public long[]? RestoredPositions(int partition)
    {
        long[]? lowest = null;
        foreach (var ((topic, p), restored) in _restored)
        {
            // Only the changelogs the chain's stores use: another one's positions are not its state's.
            if (p != partition || restored.Marker is not { } marker || !_targets.ContainsKey((topic, p))) continue;
            var positions = Read(marker).Positions;
            if (lowest is null)
            {
                lowest = positions;
                continue;
            }
            for (var i = 0; i < Math.Min(lowest.Length, positions.Length); i++)
            {
                lowest[i] = Math.Min(lowest[i], positions[i]);
            }
        }
        return lowest;
    }

    /// <summary>
    /// After the stores were flushed and the broker acknowledged what they wrote: records in every changelog
    /// partition of <paramref name="partition"/> the input positions its state now includes (per source, the
    /// next offset, -1 for none), under the partition's next checkpoint generation.
    /// </summary>
    public void Checkpoint(int partition, IReadOnlyList<long> positions)
    {
        byte[]? record = null;
        foreach (var ((_, p), target) in _targets)
        {
            if (p != partition) continue;
            if (record is null)
            {
                var generation = _generations[partition] = _generations.GetValueOrDefault(partition, -1) + 1;
                _positions.Reset();
                _positions.Byte(PositionsVersion);
                _positions.Long(generation);
                _positions.UInt((ulong)positions.Count);
                foreach (var position in positions)
                {
                    _positions.Long(position);
                }
                record = _positions.Written.ToArray();
            }
            target.Write(ChangelogTarget.PositionsStore, [], record);
        }
    }

    /// <summary>The partition left the job: its stores are closed and forgotten (its changelog stays for the next owner).</summary>
    public void ClosePartition(int partition)
    {
        foreach (var store in _stores.Where(s => s.Id.Partition == partition).ToList())
        {
            store.Close();
            _stores.Remove(store);
        }
        foreach (var key in _targets.Keys.Where(k => k.Partition == partition).ToList())
        {
            _targets.Remove(key);
            _restored.Remove(key);
        }
        _generations.Remove(partition);
    }

    /// <summary>Flushes every store (the keys each changed since the last flush go to its changelog).</summary>
    public void Flush()
    {
        foreach (var store in _stores)
        {
            store.Flush();
        }
    }

    private ChangelogTarget Target(string job, string op, int partition)
    {
        var topic = TopicName(application, job, op);
        if (_targets.TryGetValue((topic, partition), out var target)) return target;
        if (_restored.ContainsKey((topic, partition)))
        {
            // Restored with the partition's other changelogs.
            return _targets[(topic, partition)] = new ChangelogTarget(writer, topic, partition);
        }
        var together = new List<Restored>();
        foreach (var name in (operators ?? []).Append(op).Distinct().Select(o => TopicName(application, job, o)))
        {
            if (_restored.ContainsKey((name, partition))) continue;
            var restored = _restored[(name, partition)] = Restore(name, partition);
            together.Add(restored);
        }
        Complete(together, partition);
        return _targets[(topic, partition)] = new ChangelogTarget(writer, topic, partition);
    }

    /// <summary>
    /// The changelogs of one partition restored together: those one generation behind the newest positions
    /// record hold that checkpoint's records complete (positions records are written only once all of
    /// them were acknowledged), so they are applied, under the newest positions.
    /// </summary>
    private void Complete(List<Restored> together, int partition)
    {
        var newest = together.Where(r => r.Marker is not null).MaxBy(r => Read(r.Marker!).Generation);
        var generation = newest is null ? -1 : Read(newest.Marker!).Generation;
        foreach (var restored in together)
        {
            var behind = restored.Marker is null ? -1 : Read(restored.Marker).Generation;
            if (newest is null || behind != generation - 1) continue;
            foreach (var (store, key, value) in restored.Unfinished)
            {
                Apply(restored.Checkpointed, store, key, value);
            }
            restored.Unfinished.Clear();
            restored.Marker = newest.Marker;
        }
        _generations[partition] = Math.Max(_generations.GetValueOrDefault(partition, -1), generation);
    }

    /// <summary>A positions record: its generation (0 for version 1, which had none) and positions.</summary>
    private static (long Generation, long[] Positions) Read(byte[] marker)
    {
        var reader = new StateReader(marker);
        var version = reader.Byte();
        if (version is not (1 or PositionsVersion)) throw new InvalidDataException("changelog positions record of an unknown version");
        var generation = version == 1 ? 0 : reader.Long();
        var positions = new long[reader.Count()];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = reader.Long();
        }
        return (generation, positions);
    }

    /// <summary>
    /// The state of one changelog partition as of its last positions record, by store, that record, and
    /// the records written after it (by a checkpoint the process did not finish), in order.
    /// </summary>
    private Restored Restore(string topic, int partition)
    {
        var restored = new Restored();
        foreach (var (recordKey, value) in reader.ReadToEnd(topic, partition))
        {
            var (store, key) = ChangelogTarget.Split(recordKey);
            if (store != ChangelogTarget.PositionsStore)
            {
                restored.Unfinished.Add((store, key, value));
                continue;
            }
            // The checkpoint is complete: everything it wrote is state.
            foreach (var (s, k, v) in restored.Unfinished)
            {
                Apply(restored.Checkpointed, s, k, v);
            }
            restored.Unfinished.Clear();
            restored.Marker = value;
        }
        return restored;
    }

    private static void Apply(Dictionary<string, Dictionary<byte[], byte[]>> byStore, string store, byte[] key, byte[]? value)
    {
        if (!byStore.TryGetValue(store, out var entries))
        {
            byStore[store] = entries = new Dictionary<byte[], byte[]>(ByteKeyComparer.Instance);
        }
        if (value is null)
        {
            entries.Remove(key);
        }
        else
        {
            entries[key] = value;
        }
    }

    /// <summary>What restoring one changelog partition read, until each store takes its own.</summary>
    private sealed class Restored
    {
        /// <summary>The state as of the last positions record, by store.</summary>
        public Dictionary<string, Dictionary<byte[], byte[]>> Checkpointed { get; } = new(StringComparer.Ordinal);

        /// <summary>The last positions record (null: none).</summary>
        public byte[]? Marker { get; set; }

        /// <summary>The records after it, in order.</summary>
        public List<(string Store, byte[] Key, byte[]? Value)> Unfinished { get; } = [];
    }
}
