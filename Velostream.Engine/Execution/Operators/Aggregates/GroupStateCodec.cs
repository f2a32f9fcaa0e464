using Velostream.Engine.Execution.State.Codecs;

namespace Velostream.Engine.Execution.Operators.Aggregates;

/// <summary>
/// A group's state in a changelog: its key values, arrival numbers, last event time and each
/// aggregate's running state, in the query's aggregate order (the aggregates themselves come from the
/// plan, so the record holds no function names). The lineage sample is tracing only and starts empty.
/// </summary>
internal sealed class GroupStateCodec(AggregateSpec[] aggregates, int sampleSize) : IStateCodec<GroupState>
{
    public byte Version => 1;

    public void Write(GroupState value, StateWriter writer)
    {
        writer.Values(value.Keys);
        writer.Long(value.FirstSeen);
        writer.Long(value.LastSeen);
        writer.Long(value.LastEventTimeMs);
        writer.UInt((ulong)value.States.Length);
        foreach (var state in value.States)
        {
            state.Write(writer);
        }
    }

    public GroupState Read(StateReader reader, byte[] key)
    {
        var keys = reader.Values();
        var group = new GroupState(keys, aggregates, sampleSize, reader.Long()) { LastSeen = reader.Long(), LastEventTimeMs = reader.Long() };
        var count = reader.Count();
        if (count != group.States.Length)
        {
            throw new InvalidDataException($"state record holds {count} aggregates, the query has {group.States.Length}: the query changed since this state was written");
        }
        foreach (var state in group.States)
        {
            state.Read(reader);
        }
        return group;
    }
}
