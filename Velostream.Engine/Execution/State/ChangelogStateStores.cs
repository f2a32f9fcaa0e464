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
/// A checkpoint is the records one flush wrote followed by its positions record. A process killed while
/// writing them leaves some of them behind it in the topic, state that includes input past the positions
/// last recorded: restoring applies none of them (a restart reads that input again and folds it once),
/// and the next flush writes those keys again, as restored, so they no longer hide the restored values.
/// </remarks>
internal sealed class ChangelogStateStores(string application, IChangelogWriter writer, IChangelogReader reader) : IStateStoreProvider
{
    private const byte PositionsVersion = 1;

    private readonly List<IStateStore> _stores = [];
    // Per topic partition opened: where its stores write, and what restoring it read, by store, until each store takes its own.
    private readonly Dictionary<(string Topic, int Partition), ChangelogTarget> _targets = [];
    private readonly Dictionary<(string Topic, int Partition), Restored> _restored = [];
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
            if (restored.Unfinished.Remove(id.Store, out var unfinished))
            {
                foreach (var key in unfinished)
                {
                    changelog.MarkChanged(key);
                }
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
        foreach (var ((_, p), restored) in _restored)
        {
            if (p != partition || !restored.Checkpointed.TryGetValue(ChangelogTarget.PositionsStore, out var marker) || marker.Count == 0) continue;
            var reader = new StateReader(marker.Values.First());
            if (reader.Byte() != PositionsVersion) throw new InvalidDataException("changelog positions record of an unknown version");
            var positions = new long[reader.Count()];
            for (var i = 0; i < positions.Length; i++)
            {
                positions[i] = reader.Long();
            }
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
    /// After the stores were flushed: records in every changelog partition of <paramref name="partition"/> the
    /// input positions its state now includes (per source, the next offset, -1 for none).
    /// </summary>
    public void Checkpoint(int partition, IReadOnlyList<long> positions)
    {
        byte[]? record = null;
        foreach (var ((_, p), target) in _targets)
        {
            if (p != partition) continue;
            if (record is null)
            {
                _positions.Reset();
                _positions.Byte(PositionsVersion);
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
        target = new ChangelogTarget(writer, topic, partition);
        _targets[(topic, partition)] = target;
        _restored[(topic, partition)] = Restore(topic, partition);
        return target;
    }

    /// <summary>
    /// The state of one changelog partition as of its last positions record, by store, and the keys written
    /// after that record (by a checkpoint the process did not finish), by store.
    /// </summary>
    private Restored Restore(string topic, int partition)
    {
        var restored = new Restored();
        var unfinished = new List<(string Store, byte[] Key, byte[]? Value)>();
        foreach (var (recordKey, value) in reader.ReadToEnd(topic, partition))
        {
            var (store, key) = ChangelogTarget.Split(recordKey);
            unfinished.Add((store, key, value));
            if (store != ChangelogTarget.PositionsStore) continue;
            // The checkpoint is complete: everything it wrote is state.
            foreach (var (s, k, v) in unfinished)
            {
                Apply(restored.Checkpointed, s, k, v);
            }
            unfinished.Clear();
        }
        foreach (var (store, key, _) in unfinished)
        {
            if (!restored.Unfinished.TryGetValue(store, out var keys))
            {
                restored.Unfinished[store] = keys = new HashSet<byte[]>(ByteKeyComparer.Instance);
            }
            keys.Add(key);
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

    /// <summary>What restoring one changelog partition read, by store, until each store takes its own.</summary>
    private sealed class Restored
    {
        public Dictionary<string, Dictionary<byte[], byte[]>> Checkpointed { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, HashSet<byte[]>> Unfinished { get; } = new(StringComparer.Ordinal);
    }
}
