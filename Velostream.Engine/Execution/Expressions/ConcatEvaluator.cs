using Velostream.Engine.Execution.Functions;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary><c>a || b</c>: NULL when either side is NULL (unlike CONCAT, which skips NULLs); non-text operands as their text.</summary>
internal sealed class ConcatEvaluator(Evaluator left, Evaluator right) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx)
    {
        var a = left.Eval(ctx);
        if (a.IsError) return a;
        var b = right.Eval(ctx);
        if (b.IsError) return b;
        if (a.IsNull || b.IsNull) return SqlValue.Null;
        return StringFunctions.Concat([a, b]);
    }
}
