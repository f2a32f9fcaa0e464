using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>A statement's checked logical plan, or the located reasons it has none.</summary>
internal sealed record LogicalPlanResult(QueryPlan? Plan, IReadOnlyList<SqlDiagnostic> Diagnostics)
{
    public bool Succeeded => Plan is not null;
}
