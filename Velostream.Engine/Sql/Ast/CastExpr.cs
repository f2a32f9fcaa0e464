using Velostream.Engine.Sql.Syntax;
using Velostream.Engine.Sql.Types;

namespace Velostream.Engine.Sql.Ast;

internal sealed record CastExpr(Expr Operand, SqlType TargetType, SourceLocation Location) : Expr(Location);
