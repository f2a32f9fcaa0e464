using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary><c>x [NOT] BETWEEN low AND high</c> = <c>x &gt;= low AND x &lt;= high</c> (inclusive), with three-valued logic.</summary>
internal sealed class BetweenEvaluator(Evaluator operand, Evaluator low, Evaluator high, bool negated) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx)
    {
        var v = operand.Eval(ctx);
        var r = SqlLogic.And(
            ComparisonEvaluator.Compare(ComparisonOperator.GreaterOrEqual, v, low.Eval(ctx)),
            ComparisonEvaluator.Compare(ComparisonOperator.LessOrEqual, v, high.Eval(ctx)));
        return negated ? SqlLogic.Not(r) : r;
    }
}
