using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>OVER (ROWS WINDOW BUFFER n ROWS PARTITION BY … ORDER BY …)</c> for row functions (LAG, LEAD, running aggregates).</summary>
internal sealed record OverClause(long? BufferRows, IReadOnlyList<Expr> PartitionBy, IReadOnlyList<OrderItem> OrderBy, SourceLocation Location);
