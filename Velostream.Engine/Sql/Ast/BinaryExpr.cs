using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal sealed record BinaryExpr(BinaryOperator Operator, Expr Left, Expr Right, SourceLocation Location) : Expr(Location);
