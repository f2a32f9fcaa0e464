using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Aggregates.States;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates;

/// <summary>One group's state in one window: its key values (owned copies), aggregate states and input sample.</summary>
internal sealed class GroupState
{
    public GroupState(SqlValue[] keys, AggregateSpec[] aggregates, int sampleSize, long firstSeen)
    {
        Keys = keys;
        FirstSeen = firstSeen;
        States = new AggregateState[aggregates.Length];
        for (var i = 0; i < aggregates.Length; i++)
        {
            States[i] = AggregateFunctions.Create(aggregates[i]);
        }
        Sample = new LineageSample(sampleSize);
    }

    public SqlValue[] Keys { get; }

    /// <summary>The arrival number of the group's first row: groups are emitted in this order (and rebuilt in it from a restored store).</summary>
    public long FirstSeen { get; }

    public AggregateState[] States { get; }

    public LineageSample Sample { get; }

    public long LastEventTimeMs { get; set; } = -1;

    /// <summary>The arrival number of the group's last row (a rebuilt operator numbers new rows after it).</summary>
    public long LastSeen { get; set; }

    public void Merge(GroupState other)
    {
        for (var i = 0; i < States.Length; i++)
        {
            States[i].Merge(other.States[i]);
        }
        Sample.Merge(other.Sample);
        LastEventTimeMs = Math.Max(LastEventTimeMs, other.LastEventTimeMs);
        LastSeen = Math.Max(LastSeen, other.LastSeen);
    }
}
