using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Logical;

/// <summary>One equality of a join's ON: <see cref="Earlier"/> reads the sources before the joined one, <see cref="Joined"/> the joined source.</summary>
internal sealed record JoinKey(Expr Earlier, Expr Joined);
