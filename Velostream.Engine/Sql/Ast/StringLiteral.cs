using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal sealed record StringLiteral(string Value, SourceLocation Location) : LiteralExpr(Location);
