using Velostream.Engine.Connectors;
using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>Where the rows go: the statement's sink (standard output for a bare SELECT, <see cref="Config"/> null), in <see cref="Format"/>.</summary>
internal sealed record Sink(LogicalPlan Input, EndpointConfig? Config, PayloadFormat Format, SourceLocation Location) : LogicalPlan(Location)
{
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];
}
