using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>COALESCE: the first non-NULL argument; later arguments are not evaluated.</summary>
internal sealed class CoalesceEvaluator(Evaluator[] arguments) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx)
    {
        foreach (var argument in arguments)
        {
            var v = argument.Eval(ctx);
            if (!v.IsNull) return v;
        }
        return SqlValue.Null;
    }
}
