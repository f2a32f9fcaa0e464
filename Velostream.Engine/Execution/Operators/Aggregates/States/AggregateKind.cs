
namespace Velostream.Engine.Execution.Operators.Aggregates.States;

internal enum AggregateKind
{
    CountStar,
    Count,
    CountDistinct,
    Sum,
    Avg,
    Min,
    Max,
    FirstValue,
    LastValue,
    StddevSamp,
    StddevPop,
    VarianceSamp,
    Median,
    StringAgg,
    PercentileCont,
    Corr,
}
