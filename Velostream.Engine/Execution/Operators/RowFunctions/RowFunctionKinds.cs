namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>
/// Functions evaluated over neighbouring rows of a partition: <c>LAG</c> and <c>LEAD</c>, the
/// ranking functions, and (with OVER) every aggregate.
/// </summary>
internal static class RowFunctionKinds
{
    private static readonly HashSet<string> Ranking = new(StringComparer.OrdinalIgnoreCase) { "ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK" };

    public static bool IsRowFunction(string name) => IsOffset(name) || IsRanking(name);

    /// <summary>LAG and LEAD: a value of another row.</summary>
    public static bool IsOffset(string name) =>
        name.Equals("LAG", StringComparison.OrdinalIgnoreCase) || name.Equals("LEAD", StringComparison.OrdinalIgnoreCase);

    public static bool IsRanking(string name) => Ranking.Contains(name);
}
