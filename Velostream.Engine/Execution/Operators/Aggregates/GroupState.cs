using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Aggregates.States;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates;

/// <summary>
/// One group's state in one window: its key values (owned copies), aggregate states and input sample.
/// A closed window's group can be <see cref="Reuse"/>d for a new one: its key buffers and states are kept.
/// </summary>
internal sealed class GroupState
{
    // The buffers the key values' text is copied into (a reused group copies its new key into them).
    private OwnedValue[]? _keyCopies;

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

    /// <summary>A new group of <paramref name="keys"/>, copied: the group owns its key values.</summary>
    public static GroupState Copying(ReadOnlySpan<SqlValue> keys, AggregateSpec[] aggregates, int sampleSize, long firstSeen)
    {
        var group = new GroupState(new SqlValue[keys.Length], aggregates, sampleSize, firstSeen);
        group.CopyKeys(keys);
        return group;
    }

    public SqlValue[] Keys { get; }

    /// <summary>The arrival number of the group's first row: groups are emitted in this order (and rebuilt in it from a restored store).</summary>
    public long FirstSeen { get; private set; }

    public AggregateState[] States { get; }

    public LineageSample Sample { get; }

    public long LastEventTimeMs { get; set; } = -1;

    /// <summary>The arrival number of the group's last row (a rebuilt operator numbers new rows after it).</summary>
    public long LastSeen { get; set; }

    /// <summary>
    /// Makes this group, no longer held by any window, store or output, a new group of
    /// <paramref name="keys"/> (the same number of them): as if just created, without allocating.
    /// </summary>
    public void Reuse(ReadOnlySpan<SqlValue> keys, long firstSeen)
    {
        CopyKeys(keys);
        FirstSeen = firstSeen;
        foreach (var state in States)
        {
            state.Reset();
        }
        Sample.Clear();
        LastEventTimeMs = -1;
        LastSeen = 0;
    }

    private void CopyKeys(ReadOnlySpan<SqlValue> keys)
    {
        _keyCopies ??= new OwnedValue[Keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            _keyCopies[i].SetExact(keys[i]);
            Keys[i] = _keyCopies[i].Value;
        }
    }

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
