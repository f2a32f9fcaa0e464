namespace Velostream.Engine.Execution.Aggregates;

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
}
