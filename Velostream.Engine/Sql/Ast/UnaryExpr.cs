using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal sealed record UnaryExpr(UnaryOperator Operator, Expr Operand, SourceLocation Location) : Expr(Location);
