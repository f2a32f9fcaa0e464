using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>What a subquery asks of its rows.</summary>
internal enum SubqueryKind
{
    /// <summary><c>EXISTS (SELECT …)</c>: whether any row matches.</summary>
    Exists,
    /// <summary><c>x [NOT] IN (SELECT col …)</c>: whether x is among the rows' values.</summary>
    In,
    /// <summary><c>(SELECT expr …)</c>: the value of the matching row.</summary>
    Scalar,
}

/// <summary>
/// A subquery as written. It lives only inside the parser: <c>Parsing/SubqueryRewriter</c> turns
/// each into a join of the enclosing query against the subquery's table (semi, anti or scalar
/// lookup), so no later stage meets one.
/// </summary>
internal sealed record SubqueryExpr(SubqueryKind Kind, Expr? Operand, SelectQuery Query, bool Negated, SourceLocation Location) : Expr(Location);
