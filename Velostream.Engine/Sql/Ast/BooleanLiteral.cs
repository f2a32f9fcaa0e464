using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal sealed record BooleanLiteral(bool Value, SourceLocation Location) : LiteralExpr(Location);
