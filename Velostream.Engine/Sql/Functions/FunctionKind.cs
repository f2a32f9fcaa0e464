namespace Velostream.Engine.Sql.Functions;

internal enum FunctionKind
{
    /// <summary>One value per row from that row's values.</summary>
    Scalar,
    /// <summary>One value per group (GROUP BY and/or window).</summary>
    Aggregate,
    /// <summary>A value from neighbouring rows of a partition (LAG, LEAD) over a row buffer.</summary>
    WindowRow,
}
