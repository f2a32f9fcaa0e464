using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>OR, skipping the right side when the left is TRUE.</summary>
internal sealed class OrEvaluator(Evaluator left, Evaluator right) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx)
    {
        var a = left.Eval(ctx);
        if (a.Kind == ValueKind.Boolean && a.AsBool) return SqlValue.True;
        return SqlLogic.Or(a, right.Eval(ctx));
    }
}
