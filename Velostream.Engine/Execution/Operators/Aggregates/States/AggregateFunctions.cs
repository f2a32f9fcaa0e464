
using Velostream.Engine.Execution.Operators.Aggregates;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>The aggregate functions the engine implements, by name, and the state each one keeps.</summary>
internal static class AggregateFunctions
{
    private static readonly Dictionary<string, AggregateKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["COUNT"] = AggregateKind.Count,
        ["COUNT_DISTINCT"] = AggregateKind.CountDistinct,
        ["SUM"] = AggregateKind.Sum,
        ["AVG"] = AggregateKind.Avg,
        ["MIN"] = AggregateKind.Min,
        ["MAX"] = AggregateKind.Max,
        ["FIRST_VALUE"] = AggregateKind.FirstValue,
        ["LAST_VALUE"] = AggregateKind.LastValue,
        ["STDDEV"] = AggregateKind.StddevSamp,
        ["STDDEV_SAMP"] = AggregateKind.StddevSamp,
        ["STDDEV_POP"] = AggregateKind.StddevPop,
        ["VARIANCE"] = AggregateKind.VarianceSamp,
        ["VAR_SAMP"] = AggregateKind.VarianceSamp,
        ["MEDIAN"] = AggregateKind.Median,
        ["LISTAGG"] = AggregateKind.StringAgg,
        ["STRING_AGG"] = AggregateKind.StringAgg,
        ["PERCENTILE_CONT"] = AggregateKind.PercentileCont,
        ["CORR"] = AggregateKind.Corr,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool IsAggregate(string name) => ByName.ContainsKey(name);

    /// <summary>The aggregate a call names; COUNT(*) and COUNT(DISTINCT x) have their own kinds.</summary>
    public static AggregateKind? Resolve(string name, bool isStar, bool distinct)
    {
        if (!ByName.TryGetValue(name, out var kind)) return null;
        if (kind == AggregateKind.Count && isStar) return AggregateKind.CountStar;
        if (kind == AggregateKind.Count && distinct) return AggregateKind.CountDistinct;
        return kind;
    }

    /// <summary>Aggregates whose argument must be a number (a string is an evaluation error for the record).</summary>
    public static bool NeedsNumber(AggregateKind kind) => kind is AggregateKind.Sum or AggregateKind.Avg
        or AggregateKind.StddevSamp or AggregateKind.StddevPop or AggregateKind.VarianceSamp or AggregateKind.Median
        or AggregateKind.PercentileCont or AggregateKind.Corr;

    /// <summary>The state of one aggregate call: its kind, with the call's constant parameter (delimiter, fraction).</summary>
    public static AggregateState Create(AggregateSpec spec) => spec.Kind switch
    {
        AggregateKind.StringAgg => new StringAggState(spec.Parameter.IsNull ? "," : spec.Parameter.AsString(), spec.Distinct),
        AggregateKind.PercentileCont => new PercentileContState(spec.Parameter.ToDouble()),
        AggregateKind.Corr => new CorrState(),
        _ => Create(spec.Kind),
    };

    public static AggregateState Create(AggregateKind kind) => kind switch
    {
        AggregateKind.CountStar or AggregateKind.Count => new CountState(),
        AggregateKind.CountDistinct => new CountDistinctState(),
        AggregateKind.Sum => new SumState(average: false),
        AggregateKind.Avg => new SumState(average: true),
        AggregateKind.Min => new MinMaxState(sign: -1),
        AggregateKind.Max => new MinMaxState(sign: 1),
        AggregateKind.FirstValue => new FirstLastState(last: false),
        AggregateKind.LastValue => new FirstLastState(last: true),
        AggregateKind.StddevSamp => new VarianceState(VarianceState.Output.StddevSamp),
        AggregateKind.StddevPop => new VarianceState(VarianceState.Output.StddevPop),
        AggregateKind.VarianceSamp => new VarianceState(VarianceState.Output.VarianceSamp),
        _ => new MedianState(),
    };
}
