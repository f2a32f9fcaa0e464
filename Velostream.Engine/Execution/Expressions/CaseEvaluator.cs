using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>
/// CASE: with an operand, the first WHEN equal to it wins; without, the first TRUE condition.
/// Only the chosen branch is evaluated, so an error in another branch does not fail the row.
/// </summary>
internal sealed class CaseEvaluator(Evaluator? operand, Evaluator[] whens, Evaluator[] thens, Evaluator? otherwise) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx)
    {
        if (operand is null)
        {
            for (var i = 0; i < whens.Length; i++)
            {
                var c = whens[i].Eval(ctx);
                if (c.IsError) return c;
                if (SqlLogic.IsTrue(c)) return thens[i].Eval(ctx);
            }
        }
        else
        {
            var v = operand.Eval(ctx);
            if (v.IsError) return v;
            for (var i = 0; i < whens.Length; i++)
            {
                var c = ComparisonEvaluator.Compare(ComparisonOperator.Equal, v, whens[i].Eval(ctx));
                if (c.IsError) return c;
                if (SqlLogic.IsTrue(c)) return thens[i].Eval(ctx);
            }
        }
        return otherwise?.Eval(ctx) ?? SqlValue.Null;
    }
}
