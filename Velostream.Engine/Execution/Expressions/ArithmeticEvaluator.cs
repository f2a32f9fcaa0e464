using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

internal sealed class ArithmeticEvaluator(ArithmeticOperator op, Evaluator left, Evaluator right) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx)
    {
        var a = left.Eval(ctx);
        var b = right.Eval(ctx);
        return op switch
        {
            ArithmeticOperator.Add => SqlArithmetic.Add(a, b),
            ArithmeticOperator.Subtract => SqlArithmetic.Subtract(a, b),
            ArithmeticOperator.Multiply => SqlArithmetic.Multiply(a, b),
            ArithmeticOperator.Divide => SqlArithmetic.Divide(a, b),
            _ => SqlArithmetic.Modulo(a, b),
        };
    }
}
