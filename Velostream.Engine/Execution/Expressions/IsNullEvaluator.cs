using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

internal sealed class IsNullEvaluator(Evaluator operand, bool negated) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx)
    {
        var v = operand.Eval(ctx);
        if (v.IsError) return v;
        return SqlValue.FromBool(v.IsNull != negated);
    }
}
