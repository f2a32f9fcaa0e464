using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Operators.Aggregates.States;

namespace Velostream.Engine.Execution.Operators.Aggregates;

/// <summary>One aggregate call of the query: what it computes and its argument (null for COUNT(*)).</summary>
internal sealed record AggregateSpec(AggregateKind Kind, string Name, Evaluator? Argument);
