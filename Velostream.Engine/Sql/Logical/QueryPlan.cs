using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// One statement's checked logical plan: its tree (<see cref="Root"/>, a <see cref="Sink"/>) with the
/// nodes the physical planner looks up directly, and how its columns resolve to sources.
/// </summary>
internal sealed record QueryPlan(
    BoundStatement Bound,
    Sink Root,
    IReadOnlyList<Scan> Scans,
    Project Project,
    ColumnResolver Columns)
{
    /// <summary>The output column names in SELECT order; null when they follow the input (SELECT * over JSON).</summary>
    public IReadOnlyList<string>? OutputColumns => Project.PassThrough ? null : [.. Project.Columns.Select(c => c.Name)];

    /// <summary>What the job does, in the words of the observers' spans: JOIN, WINDOW, GROUP BY or SELECT.</summary>
    public string Operation =>
        Scans.Count > 1 ? "JOIN" : Find<Aggregate>() switch { WindowAggregate => "WINDOW", GroupAggregate => "GROUP BY", _ => "SELECT" };

    /// <summary>The first node of type <typeparamref name="T"/> on the way from the sink down, or null.</summary>
    public T? Find<T>() where T : LogicalPlan
    {
        LogicalPlan node = Root;
        while (true)
        {
            if (node is T found) return found;
            if (node.Inputs.Count == 0) return null;
            node = node.Inputs[0];
        }
    }
}
