using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Validation;

/// <summary>All semantic errors of an application, in source order, and its statements bound for execution (meaningful only without errors).</summary>
internal sealed record ValidationResult(IReadOnlyList<SqlDiagnostic> Diagnostics, IReadOnlyList<BoundStatement> Statements)
{
    public bool Succeeded => Diagnostics.Count == 0;
}
