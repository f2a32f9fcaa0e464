using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// The time bound of a stream–stream interval join, recognised in the ON condition:
/// <c>Subject BETWEEN Anchor + Lower AND Anchor + Upper</c> (for example
/// <c>b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND</c> gives
/// Lower = -10 s, Upper = +10 s). Subject and Anchor come from different sides of the join.
/// </summary>
internal sealed record JoinInterval(ColumnRef Subject, ColumnRef Anchor, TimeSpan Lower, TimeSpan Upper, SourceLocation Location);
