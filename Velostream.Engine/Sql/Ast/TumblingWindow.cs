using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>WINDOW TUMBLING([time_col,] size)</c>: fixed, non-overlapping windows.</summary>
internal sealed record TumblingWindow(ColumnRef? TimeColumn, TimeSpan Size, SourceLocation Location) : WindowSpec(TimeColumn, Location);
