using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>x [NOT] IN (a, b, …)</c>.</summary>
internal sealed record InListExpr(Expr Operand, IReadOnlyList<Expr> Items, bool Negated, SourceLocation Location) : Expr(Location);
