using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// A SELECT with every clause the dialect knows. Lists are empty (never null) when the
/// clause is absent.
/// </summary>
internal sealed record SelectQuery(
    bool Distinct,
    IReadOnlyList<SelectItem> Items,
    SourceRef From,
    IReadOnlyList<JoinClause> Joins,
    Expr? Where,
    IReadOnlyList<Expr> GroupBy,
    Expr? Having,
    WindowSpec? Window,
    IReadOnlyList<OrderItem> OrderBy,
    Expr? Limit,
    EmitClause? Emit,
    SourceLocation Location)
{
    /// <summary>False for a SELECT without FROM (<c>SELECT 1</c>): <see cref="From"/> is then a placeholder read as one row with no columns.</summary>
    public bool HasFrom { get; init; } = true;

    /// <summary>The SELECTs joined to this one by <c>UNION ALL</c>, in written order (empty without UNION ALL).</summary>
    public IReadOnlyList<SelectQuery> UnionAll { get; init; } = [];

    /// <summary>Where <c>UNION ALL</c> was written before each of <see cref="UnionAll"/>.</summary>
    public IReadOnlyList<SourceLocation> UnionLocations { get; init; } = [];
}
