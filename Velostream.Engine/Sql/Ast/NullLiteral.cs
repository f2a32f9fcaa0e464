using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal sealed record NullLiteral(SourceLocation Location) : LiteralExpr(Location);
