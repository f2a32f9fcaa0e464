using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>MIN (sign -1) and MAX (sign +1) of non-NULL values, in SQL comparison order.</summary>
internal sealed class MinMaxState(int sign) : AggregateState
{
    private OwnedValue _best;

    public override void Add(in SqlValue value, long sequence)
    {
        if (value.IsNull) return;
        ref readonly var best = ref _best.Value;
        if (value.Kind == ValueKind.Decimal && best.Kind == ValueKind.Decimal)
        {
            // The common case (prices) without the general comparison's dispatch.
            if (value.AsDecimal.CompareTo(best.AsDecimal) * sign > 0) _best.Value = value;
            return;
        }
        if (best.IsNull || SqlComparison.CompareForOrder(value, best) * sign > 0)
        {
            _best.Set(value);
        }
    }

    public override SqlValue Result() => _best.Value;

    public override void Merge(AggregateState other) => Add(((MinMaxState)other)._best.Value, 0);

    public override void Reset() => _best.Clear();

    public override void Write(StateWriter writer) => writer.Value(_best.Value);

    public override void Read(StateReader reader) => _best.Value = reader.Value();
}
