using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>OVER (ROWS WINDOW BUFFER n ROWS PARTITION BY … ORDER BY … [frame])</c> for row functions (LAG, LEAD, ranking, aggregates over rows).</summary>
internal sealed record OverClause(long? BufferRows, IReadOnlyList<Expr> PartitionBy, IReadOnlyList<OrderItem> OrderBy, SourceLocation Location, WindowFrame? Frame = null);
