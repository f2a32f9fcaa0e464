using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>A number without fraction or exponent: BIGINT.</summary>
internal sealed record IntegerLiteral(long Value, SourceLocation Location) : LiteralExpr(Location);
