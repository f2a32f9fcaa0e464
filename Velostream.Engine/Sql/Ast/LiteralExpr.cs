using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>A constant written in the query.</summary>
internal abstract record LiteralExpr(SourceLocation Location) : Expr(Location);
