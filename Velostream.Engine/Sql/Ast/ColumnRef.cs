using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// A column, optionally qualified by a source name or alias (<c>a.price</c>). System columns
/// (<c>_event_time</c>, <c>_offset</c>, …) are column references whose <see cref="IsSystem"/> is true.
/// </summary>
internal sealed record ColumnRef(string? Qualifier, string Name, SourceLocation Location) : Expr(Location)
{
    public bool IsSystem => SystemColumns.IsSystem(Name);
}
