using Velostream.Engine.Execution.Functions;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>
/// A scalar function call. Arguments are evaluated into a scratch array owned by the node (one
/// per call site, reused), errors in an argument short-circuit the call.
/// </summary>
internal sealed class FunctionCallEvaluator(ScalarFunction function, Evaluator[] arguments) : Evaluator
{
    private readonly SqlValue[] _args = new SqlValue[arguments.Length];

    public ScalarFunction Function { get; } = function;

    public override bool IsConstant => Function.IsDeterministic && arguments.All(a => a.IsConstant);

    public override SqlValue Eval(EvalContext ctx)
    {
        var args = _args;
        for (var i = 0; i < args.Length; i++)
        {
            var v = arguments[i].Eval(ctx);
            if (v.IsError) return v;
            args[i] = v;
        }
        return Function.Invoke(args, ctx);
    }
}
