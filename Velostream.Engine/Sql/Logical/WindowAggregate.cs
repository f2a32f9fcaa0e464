using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>GROUP BY per key and event-time window (<see cref="Window"/>: tumbling, sliding or session).</summary>
internal sealed record WindowAggregate(LogicalPlan Input, IReadOnlyList<Expr> Keys, IReadOnlyList<FunctionCall> Aggregates, Expr? Having, EmitMode Emit, WindowSpec Window, SourceLocation Location)
    : Aggregate(Input, Keys, Aggregates, Having, Emit, Location);
