using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>A number with an exponent (<c>1e3</c>, <c>2.5E-2</c>): DOUBLE.</summary>
internal sealed record DoubleLiteral(double Value, SourceLocation Location) : LiteralExpr(Location);
