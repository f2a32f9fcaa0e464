using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// Reading one source (FROM, or the right side of a JOIN), number <see cref="Index"/> in FROM/JOIN
/// order. A table (the right side of a join without a time bound) is loaded whole before the
/// streams start. <see cref="EventTimeField"/> is the field its event time is read from, or null.
/// </summary>
internal sealed record Scan(int Index, SourceRef Source, EndpointConfig? Config, SourceSchema Schema, bool IsTable, string? EventTimeField, SourceLocation Location)
    : LogicalPlan(Location)
{
    public override IReadOnlyList<LogicalPlan> Inputs => [];

    public string Name => Source.Name.Name;
}
