using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>x [NOT] BETWEEN low AND high</c>, bounds inclusive.</summary>
internal sealed record BetweenExpr(Expr Operand, Expr Low, Expr High, bool Negated, SourceLocation Location) : Expr(Location);
