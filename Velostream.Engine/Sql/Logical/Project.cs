using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// SELECT: the output columns in order (<c>*</c> expanded where the sources' columns are known).
/// <see cref="PassThrough"/>: <c>SELECT *</c> over one JSON source, whose columns are not known, passes
/// each input object through whole with the listed columns appended.
/// </summary>
internal sealed record Project(LogicalPlan Input, IReadOnlyList<OutputColumn> Columns, bool PassThrough, SourceLocation Location) : LogicalPlan(Location)
{
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];
}
