using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>GROUP BY without a window: one continuous group per key.</summary>
internal sealed record GroupAggregate(LogicalPlan Input, IReadOnlyList<Expr> Keys, IReadOnlyList<FunctionCall> Aggregates, Expr? Having, EmitMode Emit, SourceLocation Location)
    : Aggregate(Input, Keys, Aggregates, Having, Emit, Location);
