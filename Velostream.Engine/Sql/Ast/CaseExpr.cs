using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// <c>CASE [operand] WHEN … THEN … [ELSE …] END</c>. With an <see cref="Operand"/> it is a simple
/// CASE (each WHEN value is compared with the operand); without, a searched CASE.
/// </summary>
internal sealed record CaseExpr(Expr? Operand, IReadOnlyList<WhenClause> Whens, Expr? Else, SourceLocation Location) : Expr(Location);
