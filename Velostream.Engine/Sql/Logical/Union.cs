using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// UNION ALL: the rows of every SELECT into the statement's one sink, interleaved as they come. Each
/// SELECT is planned as a statement of its own (<see cref="Selects"/>: its sources, watermark, late
/// handling and state) writing the first SELECT's column names, its numbers widened to the shared type.
/// </summary>
internal sealed record Union(IReadOnlyList<QueryPlan> Selects, SourceLocation Location) : LogicalPlan(Location)
{
    public override IReadOnlyList<LogicalPlan> Inputs => [.. Selects.Select(s => s.Root)];
}
