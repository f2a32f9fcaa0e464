using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>x IS NULL</c>, or <c>x IS NOT NULL</c> when <see cref="Negated"/>.</summary>
internal sealed record IsNullExpr(Expr Operand, bool Negated, SourceLocation Location) : Expr(Location);
