using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// GROUP BY: one group per value of <see cref="Keys"/> (aliases replaced by what they name), folding
/// <see cref="Aggregates"/> (each distinct call once); <see cref="Having"/> and the projection read
/// the group's keys and results. <see cref="Emit"/> says when a group's row is written.
/// </summary>
internal abstract record Aggregate(LogicalPlan Input, IReadOnlyList<Expr> Keys, IReadOnlyList<FunctionCall> Aggregates, Expr? Having, EmitMode Emit, SourceLocation Location)
    : LogicalPlan(Location)
{
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];
}
