using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>One <c>WHEN condition THEN result</c> arm; in a simple CASE the condition is the value compared with the operand.</summary>
internal sealed record WhenClause(Expr Condition, Expr Result, SourceLocation Location);
