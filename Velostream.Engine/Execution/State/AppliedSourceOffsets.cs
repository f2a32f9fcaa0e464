using System.Buffers.Binary;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.State.Codecs;

namespace Velostream.Engine.Execution.State;

/// <summary>
/// The stateful stage of a repartitioned job, per internal-topic partition: the highest source offset
/// applied so far per source partition, in a store of its own (so it is in the chain's changelog and
/// restored with the rest of its state). The first stage writes each source partition in order with an
/// idempotent producer, so within one internal partition the offsets of one source partition only grow,
/// except when the first stage writes records again after a crash: those are not above the highest
/// applied and are skipped.
/// </summary>
internal sealed class AppliedSourceOffsets
{
    private readonly IKeyValueStore<Applied> _store;
    private readonly byte[] _key = new byte[4];

    public AppliedSourceOffsets(IStateStoreProvider stores, string job, int partition) =>
        _store = stores.KeyValueStore(new StateStoreId(job, StatefulOperators.RepartitionOffsets, "applied", partition), Codec.Instance);

    /// <summary>Whether the record at <paramref name="offset"/> of source partition <paramref name="sourcePartition"/> is new (it is then recorded as applied).</summary>
    public bool Admit(int sourcePartition, long offset)
    {
        BinaryPrimitives.WriteInt32BigEndian(_key, sourcePartition);
        if (!_store.TryRead(_key, out var applied))
        {
            _store.Put(_key.AsSpan(), new Applied { Offset = offset });
            return true;
        }
        if (offset <= applied.Offset) return false;
        _store.TryUpdate(_key, out _);
        applied.Offset = offset;
        return true;
    }

    internal sealed class Applied
    {
        public long Offset;
    }

    private sealed class Codec : IStateCodec<Applied>
    {
        public static readonly Codec Instance = new();

        public byte Version => 1;

        public void Write(Applied value, StateWriter writer) => writer.Long(value.Offset);

        public Applied Read(StateReader reader, byte[] key) => new() { Offset = reader.Long() };
    }
}
