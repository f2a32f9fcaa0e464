
namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>Functions evaluated over neighbouring rows of a partition: <c>LAG</c> and <c>LEAD</c> with OVER.</summary>
internal static class RowFunctionKinds
{
    public static bool IsRowFunction(string name) =>
        name.Equals("LAG", StringComparison.OrdinalIgnoreCase) || name.Equals("LEAD", StringComparison.OrdinalIgnoreCase);
}
