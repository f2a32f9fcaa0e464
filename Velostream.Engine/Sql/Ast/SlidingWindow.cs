using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>WINDOW SLIDING([time_col,] size, advance)</c>: windows of <see cref="Size"/> starting every <see cref="Advance"/>.</summary>
internal sealed record SlidingWindow(ColumnRef? TimeColumn, TimeSpan Size, TimeSpan Advance, SourceLocation Location) : WindowSpec(TimeColumn, Location);
