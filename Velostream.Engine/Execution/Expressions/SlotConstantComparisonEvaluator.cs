using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>
/// <c>column &lt;op&gt; constant</c>, the commonest filter shape, with the same-type cases compared
/// inline (no intermediate values, no dispatch through the general comparison).
/// </summary>
internal sealed class SlotConstantComparisonEvaluator(ComparisonOperator op, int slot, SqlValue constant) : Evaluator
{
    // A BIGINT literal compared with DECIMAL fields (price > 200) is converted once, not per row.
    private readonly decimal _asDecimal = constant.Kind == ValueKind.BigInt ? constant.AsLong : constant.AsDecimal;

    public override SqlValue Eval(EvalContext ctx)
    {
        ref readonly var v = ref ctx.Values[slot];
        int c;
        if (v.Kind == constant.Kind)
        {
            switch (v.Kind)
            {
                case ValueKind.BigInt:
                    c = v.AsLong.CompareTo(constant.AsLong);
                    return Result(c);
                case ValueKind.Decimal:
                    c = v.AsDecimal.CompareTo(constant.AsDecimal);
                    return Result(c);
                case ValueKind.Varchar:
                    c = v.AsUtf8.SequenceCompareTo(constant.AsUtf8);
                    return Result(c);
            }
        }
        else if (v.Kind == ValueKind.Decimal && constant.Kind == ValueKind.BigInt)
        {
            c = v.AsDecimal.CompareTo(_asDecimal);
            return Result(c);
        }
        return ComparisonEvaluator.Compare(op, v, constant);
    }

    private SqlValue Result(int c) => SqlValue.FromBool(ComparisonEvaluator.Holds(op, c));
}
