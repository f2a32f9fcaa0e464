using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>LIMIT: the job stops after <see cref="Count"/> output rows.</summary>
internal sealed record Limit(LogicalPlan Input, long Count, SourceLocation Location) : LogicalPlan(Location)
{
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];
}
