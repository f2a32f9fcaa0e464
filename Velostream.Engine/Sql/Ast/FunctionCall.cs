using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// A call by name (stored upper-case). <c>COUNT(*)</c> has <see cref="IsStar"/> and no arguments;
/// <c>COUNT(DISTINCT x)</c> has <see cref="Distinct"/>. <c>EXTRACT(field FROM x)</c> is the call
/// <c>EXTRACT('FIELD', x)</c>. <see cref="Over"/> is set for row-window calls such as LAG/LEAD.
/// </summary>
internal sealed record FunctionCall(
    string Name,
    IReadOnlyList<Expr> Arguments,
    bool Distinct,
    bool IsStar,
    OverClause? Over,
    SourceLocation Location) : Expr(Location)
{
    /// <summary>Where the function's name is written, for "unknown function" errors.</summary>
    public SourceLocation NameLocation => Location with { Length = Name.Length };
}
