using Velostream.Engine.Execution.Aggregates;
using Velostream.Engine.Execution.Expressions;

namespace Velostream.Engine.Execution.Operators.Aggregation;

/// <summary>One aggregate call of the query: what it computes and its argument (null for COUNT(*)).</summary>
internal sealed record AggregateSpec(AggregateKind Kind, string Name, Evaluator? Argument);
