using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>LAG/LEAD over each row's partition, in arrival order; their values join the row before the projection.</summary>
internal sealed record RowFunction(LogicalPlan Input, IReadOnlyList<RowFunctionCall> Calls, SourceLocation Location) : LogicalPlan(Location)
{
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];
}
