using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// A node of a statement's logical plan: what the query computes, in the order a record meets it
/// (scan → joins → filter → row functions or aggregation → projection → sort → limit → sink), each
/// node located at the SQL it comes from. Built and checked by <see cref="LogicalPlanner"/>; the
/// physical planner maps each node to one operator.
/// </summary>
internal abstract record LogicalPlan(SourceLocation Location)
{
    /// <summary>The nodes this one reads (none for a scan; two for an interval join).</summary>
    public abstract IReadOnlyList<LogicalPlan> Inputs { get; }
}
