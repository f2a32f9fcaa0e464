using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Functions;

/// <summary>Computes a scalar function from evaluated, non-error arguments.</summary>
internal delegate SqlValue ScalarImplementation(ReadOnlySpan<SqlValue> args, EvalContext ctx);

/// <summary>One scalar function: its name, arity and implementation.</summary>
internal sealed record ScalarFunction(string Name, int MinArgs, int MaxArgs, ScalarImplementation Implementation, bool IsDeterministic = true)
{
    public SqlValue Invoke(ReadOnlySpan<SqlValue> args, EvalContext ctx) => Implementation(args, ctx);
}
