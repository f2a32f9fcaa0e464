using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// A stream–stream join bounded in time: <c>Subject BETWEEN Anchor + LowerMs AND Anchor + UpperMs</c>,
/// the subject's time column on side <see cref="SubjectSide"/> (0 = <see cref="Left"/>), keys in
/// <see cref="Keys"/> (<see cref="JoinKey.Earlier"/> reads the left stream).
/// </summary>
internal sealed record IntervalJoin(
    Scan Left,
    Scan Right,
    IReadOnlyList<JoinKey> Keys,
    ColumnRef Subject,
    ColumnRef Anchor,
    int SubjectSide,
    long LowerMs,
    long UpperMs,
    Expr? Residual,
    bool LeftOuter,
    SourceLocation Location) : LogicalPlan(Location)
{
    public override IReadOnlyList<LogicalPlan> Inputs => [Left, Right];
}
