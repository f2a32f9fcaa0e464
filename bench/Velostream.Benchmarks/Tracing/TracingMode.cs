namespace Velostream.Benchmarks.Tracing;

/// <summary>One configuration of the tracing overhead benchmark.</summary>
internal sealed record TracingMode(string Name, bool Enabled, double SamplingRatio, bool ReachableEndpoint)
{
    public static readonly IReadOnlyList<TracingMode> All =
    [
        new("off", false, 0, true),
        new("on, unsampled", true, 0, true),
        new("1%", true, 0.01, true),
        new("100%", true, 1.0, true),
        new("100%, endpoint down", true, 1.0, false),
    ];
}
