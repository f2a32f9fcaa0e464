using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>A number with a fraction and no exponent: an exact DECIMAL, scale as written (<c>1.50</c> keeps two places).</summary>
internal sealed record DecimalLiteral(decimal Value, SourceLocation Location) : LiteralExpr(Location);
