using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

internal sealed class NotEvaluator(Evaluator operand) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx) => SqlLogic.Not(operand.Eval(ctx));
}
