using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Logical;

/// <summary>How the joins that subqueries (and <c>ON TRUE</c>) become are planned as lookups.</summary>
internal static class SubqueryJoins
{
    public static LookupMatch Match(JoinKind kind) => kind switch
    {
        JoinKind.Semi or JoinKind.Scalar => LookupMatch.First,
        JoinKind.Anti => LookupMatch.None,
        _ => LookupMatch.Every,
    };

    /// <summary>
    /// True when a join may go without a key equality, each stream row checking every table row:
    /// a subquery's join, and <c>JOIN t ON TRUE</c> (a small table, such as one row of limits, joined to every row).
    /// </summary>
    public static bool MayScanTable(JoinClause join) =>
        join.Kind is JoinKind.Semi or JoinKind.Anti or JoinKind.Scalar || join.Condition is BooleanLiteral { Value: true };
}
