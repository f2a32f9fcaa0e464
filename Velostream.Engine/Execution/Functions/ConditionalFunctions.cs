using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Functions;

internal static class ConditionalFunctions
{
    /// <summary>NULLIF(a, b): NULL when a = b, else a.</summary>
    public static SqlValue NullIf(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        var eq = ComparisonEvaluator.Compare(ComparisonOperator.Equal, a[0], a[1]);
        if (eq.IsError) return eq;
        return SqlLogic.IsTrue(eq) ? SqlValue.Null : a[0];
    }
}
