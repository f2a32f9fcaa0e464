using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

internal sealed class NegateEvaluator(Evaluator operand) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx) => SqlArithmetic.Negate(operand.Eval(ctx));
}
