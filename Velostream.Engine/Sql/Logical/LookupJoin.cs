using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// A stream–table join: each row of <see cref="Stream"/> probes <see cref="Table"/> by
/// <see cref="Keys"/>; <see cref="Residual"/> is the rest of ON, checked per match. LEFT keeps
/// stream rows without match (NULLs for the table). <see cref="Match"/> makes it a semi join, an
/// anti join or a scalar lookup (subqueries); with no keys every table row is a candidate.
/// </summary>
internal sealed record LookupJoin(LogicalPlan Stream, Scan Table, IReadOnlyList<JoinKey> Keys, Expr? Residual, bool LeftOuter, SourceLocation Location,
    LookupMatch Match = LookupMatch.Every)
    : LogicalPlan(Location)
{
    public override IReadOnlyList<LogicalPlan> Inputs => [Stream, Table];
}
