using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>COUNT(x) counts non-NULL values; COUNT(*) is fed a non-NULL marker per row.</summary>
internal sealed class CountState : AggregateState
{
    private long _count;

    public override void Add(in SqlValue value, long sequence)
    {
        if (!value.IsNull) _count++;
    }

    public override SqlValue Result() => SqlValue.FromLong(_count);

    public override void Merge(AggregateState other) => _count += ((CountState)other)._count;

    public override void Reset() => _count = 0;

    public override void Write(StateWriter writer) => writer.Long(_count);

    public override void Read(StateReader reader) => _count = reader.Long();
}
