using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Aggregates;

/// <summary>MIN (sign -1) and MAX (sign +1) of non-NULL values, in SQL comparison order.</summary>
internal sealed class MinMaxState(int sign) : AggregateState
{
    private OwnedValue _best;

    public override void Add(in SqlValue value, long sequence)
    {
        if (value.IsNull) return;
        if (_best.Value.IsNull || SqlComparison.CompareForOrder(value, _best.Value) * sign > 0)
        {
            _best.Set(value);
        }
    }

    public override SqlValue Result() => _best.Value;

    public override void Merge(AggregateState other) => Add(((MinMaxState)other)._best.Value, 0);
}
