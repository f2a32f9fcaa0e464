namespace Velostream.Benchmarks.Tracing;

/// <summary>What telemetry runs in a mode of the tracing benchmarks.</summary>
internal enum TelemetryLevel
{
    /// <summary>No telemetry host at all.</summary>
    None,

    /// <summary>The service defaults with tracing disabled: metrics and logs exported, no listener on the source.</summary>
    MetricsOnly,

    /// <summary>The service defaults with tracing on at the mode's sampling ratio.</summary>
    Tracing,
}

/// <summary>One configuration of the tracing overhead benchmark.</summary>
internal sealed record TracingMode(string Name, TelemetryLevel Telemetry, double SamplingRatio, bool ReachableEndpoint)
{
    public const string Off = "off";
    public const string MetricsOnly = "tracing off, metrics on";
    public const string Full = "100%";
    public const string EndpointDown = "100%, endpoint down";

    public static readonly IReadOnlyList<TracingMode> All =
    [
        new(Off, TelemetryLevel.None, 0, true),
        new(MetricsOnly, TelemetryLevel.MetricsOnly, 0, true),
        new("on, unsampled", TelemetryLevel.Tracing, 0, true),
        new("1%", TelemetryLevel.Tracing, 0.01, true),
        new(Full, TelemetryLevel.Tracing, 1.0, true),
        new(EndpointDown, TelemetryLevel.Tracing, 1.0, false),
    ];

    public bool Traces => Telemetry == TelemetryLevel.Tracing;

    public bool RunsHost => Telemetry != TelemetryLevel.None;

    /// <summary>A topic-name-safe spelling of <see cref="Name"/>.</summary>
    public string Slug => Name.Replace(' ', '_').Replace("%", "pct").Replace(",", "");
}
