using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>AND, skipping the right side when the left is FALSE (the result cannot change).</summary>
internal sealed class AndEvaluator(Evaluator left, Evaluator right) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx)
    {
        var a = left.Eval(ctx);
        if (a.Kind == ValueKind.Boolean && !a.AsBool) return SqlValue.False;
        return SqlLogic.And(a, right.Eval(ctx));
    }
}
