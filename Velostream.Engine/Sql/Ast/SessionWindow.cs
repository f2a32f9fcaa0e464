using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>WINDOW SESSION([time_col,] gap)</c>: a window per key that closes after <see cref="Gap"/> without records.</summary>
internal sealed record SessionWindow(ColumnRef? TimeColumn, TimeSpan Gap, SourceLocation Location) : WindowSpec(TimeColumn, Location);
