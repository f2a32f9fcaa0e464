using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// A WINDOW clause. <see cref="TimeColumn"/> is the event-time column named first inside the
/// parentheses; when omitted the record's <c>_event_time</c> is used.
/// </summary>
internal abstract record WindowSpec(ColumnRef? TimeColumn, SourceLocation Location);
