using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Logical;
using Velostream.Engine.Sql.Syntax;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Sql;

/// <summary>
/// The application, every diagnostic in source order, and the bound statements with their logical
/// plans (aligned; complete only when there are no diagnostics).
/// </summary>
internal sealed record SqlCheckResult(SqlApplication Application, IReadOnlyList<SqlDiagnostic> Diagnostics, IReadOnlyList<BoundStatement> Statements, IReadOnlyList<QueryPlan> Plans)
{
    /// <summary>Errors counted but not kept (see <see cref="DiagnosticLimits"/>); the application is invalid when this is not 0.</summary>
    public int Omitted { get; init; }

    public bool Succeeded => Diagnostics.Count == 0 && Omitted == 0;
}
