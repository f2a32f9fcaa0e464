using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Operators.Aggregates.States;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates;

/// <summary>
/// One aggregate call of the query: what it computes and its argument (null for COUNT(*)); for
/// CORR(y, x) the second argument; for LISTAGG/STRING_AGG and PERCENTILE_CONT the call's constant
/// parameter (the delimiter, the fraction; NULL when not given); <see cref="Distinct"/> for LISTAGG(DISTINCT x).
/// </summary>
internal sealed record AggregateSpec(AggregateKind Kind, string Name, Evaluator? Argument, Evaluator? Second = null, SqlValue Parameter = default, bool Distinct = false);
