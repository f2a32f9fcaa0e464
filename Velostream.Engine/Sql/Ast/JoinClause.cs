using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// <c>[INNER|LEFT|RIGHT|FULL] JOIN right [alias] ON condition</c>. <see cref="Interval"/> is the
/// BETWEEN time bound when the condition holds one (an interval join); <see cref="Condition"/>
/// is always the full ON expression as written.
/// </summary>
internal sealed record JoinClause(JoinKind Kind, SourceRef Right, Expr Condition, JoinInterval? Interval, SourceLocation Location);
