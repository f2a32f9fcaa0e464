using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>ORDER BY over what is emitted together (a closing window's rows, every group at the end, all rows of bounded input).</summary>
internal sealed record Sort(LogicalPlan Input, IReadOnlyList<SortKey> Keys, SourceLocation Location) : LogicalPlan(Location)
{
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];
}
