using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>x [NOT] LIKE pattern</c> with <c>%</c> and <c>_</c> wildcards.</summary>
internal sealed record LikeExpr(Expr Operand, Expr Pattern, bool Negated, SourceLocation Location) : Expr(Location);
