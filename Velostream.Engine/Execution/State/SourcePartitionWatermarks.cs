using System.Buffers.Binary;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.Runtime;
using Velostream.Engine.Execution.State.Codecs;

namespace Velostream.Engine.Execution.State;

/// <summary>
/// The stateful stage of a repartitioned job, per internal-topic partition: how far event time got in
/// each partition of the original source, as the first stage's watermark records say
/// (<see cref="WatermarkRecord"/>), in a store of its own (so it is in the chain's changelog and restored
/// with the rest of its state). The chain's event time is the lowest over all the source's partitions
/// (<see cref="ReachedMs"/>), as Flink and Kafka Streams take the minimum over their input partitions: a
/// source partition read behind the others (after a restart, the first stage catches up on them unevenly)
/// holds the windows of every key open until its records are in, instead of seeing them arrive late.
/// </summary>
internal sealed class SourcePartitionWatermarks
{
    private readonly IKeyValueStore<Progress> _store;
    private readonly Dictionary<int, Progress> _byPartition = [];
    private readonly byte[] _key = new byte[4];
    private int _sourcePartitions;

    public SourcePartitionWatermarks(IStateStoreProvider stores, string job, int partition)
    {
        _store = stores.KeyValueStore(new StateStoreId(job, StatefulOperators.RepartitionOffsets, "event_times", partition), Codec.Instance);
        foreach (var (key, progress) in _store.All())
        {
            _byPartition[BinaryPrimitives.ReadInt32BigEndian(key)] = progress;
            _sourcePartitions = Math.Max(_sourcePartitions, progress.SourcePartitions);
        }
        ReachedMs = Lowest();
    }

    /// <summary>
    /// The event time every partition of the source has reached: the lowest latest event time over them,
    /// idle partitions left out (all idle: the highest); <see cref="long.MinValue"/> while a partition has
    /// not been heard of, or none has.
    /// </summary>
    public long ReachedMs { get; private set; } = long.MinValue;

    /// <summary>Takes in one watermark record's entries; true when <see cref="ReachedMs"/> moved on.</summary>
    public bool Apply(int sourcePartitions, IEnumerable<WatermarkRecord.Entry> entries)
    {
        _sourcePartitions = Math.Max(_sourcePartitions, sourcePartitions);
        foreach (var entry in entries)
        {
            BinaryPrimitives.WriteInt32BigEndian(_key, entry.Partition);
            if (!_store.TryUpdate(_key, out var progress))
            {
                progress = new Progress { EventTimeMs = long.MinValue };
                _store.Put(_key.AsSpan(), progress);
                _byPartition[entry.Partition] = progress;
            }
            // A restarted first stage reports less than it did before it stopped: event time never goes back.
            progress.EventTimeMs = Math.Max(progress.EventTimeMs, entry.EventTimeMs);
            progress.Idle = entry.Idle;
            progress.SourcePartitions = _sourcePartitions;
        }
        var reached = Lowest();
        if (reached <= ReachedMs) return false;
        ReachedMs = reached;
        return true;
    }

    private long Lowest()
    {
        if (_sourcePartitions == 0) return long.MinValue;
        var lowest = long.MaxValue;
        var highest = long.MinValue;
        for (var partition = 0; partition < _sourcePartitions; partition++)
        {
            if (!_byPartition.TryGetValue(partition, out var progress)) return long.MinValue;
            highest = Math.Max(highest, progress.EventTimeMs);
            if (!progress.Idle) lowest = Math.Min(lowest, progress.EventTimeMs);
        }
        return lowest == long.MaxValue ? highest : lowest;
    }

    internal sealed class Progress
    {
        public long EventTimeMs;
        public bool Idle;
        public int SourcePartitions;
    }

    private sealed class Codec : IStateCodec<Progress>
    {
        public static readonly Codec Instance = new();

        public byte Version => 1;

        public void Write(Progress value, StateWriter writer)
        {
            writer.Long(value.EventTimeMs);
            writer.Bool(value.Idle);
            writer.UInt((ulong)value.SourcePartitions);
        }

        public Progress Read(StateReader reader, byte[] key) =>
            new() { EventTimeMs = reader.Long(), Idle = reader.Bool(), SourcePartitions = checked((int)reader.UInt()) };
    }
}
