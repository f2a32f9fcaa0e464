using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal enum JoinKind
{
    Inner,
    Left,
    Right,
    Full,
    /// <summary>From <c>EXISTS</c> / <c>IN (SELECT …)</c>: the row goes on once when the table has a match.</summary>
    Semi,
    /// <summary>From <c>NOT EXISTS</c> / <c>NOT IN (SELECT …)</c>: the row goes on when the table has no match.</summary>
    Anti,
    /// <summary>From a scalar subquery: the first matching table row, or NULLs.</summary>
    Scalar,
}
