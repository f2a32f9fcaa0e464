using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

internal sealed class ComparisonEvaluator(ComparisonOperator op, Evaluator left, Evaluator right) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx)
    {
        var a = left.Eval(ctx);
        var b = right.Eval(ctx);
        return Compare(op, a, b);
    }

    public static SqlValue Compare(ComparisonOperator op, in SqlValue a, in SqlValue b)
    {
        if (a.IsError) return a;
        if (b.IsError) return b;
        if (a.IsNull || b.IsNull) return SqlValue.Null;
        if (!SqlComparison.TryCompare(a, b, out var c, out var error)) return error;
        return SqlValue.FromBool(Holds(op, c));
    }

    /// <summary>Whether <paramref name="op"/> holds for a comparison result (negative, zero, positive).</summary>
    public static bool Holds(ComparisonOperator op, int c) => op switch
    {
        ComparisonOperator.Equal => c == 0,
        ComparisonOperator.NotEqual => c != 0,
        ComparisonOperator.Less => c < 0,
        ComparisonOperator.LessOrEqual => c <= 0,
        ComparisonOperator.Greater => c > 0,
        _ => c >= 0,
    };
}
