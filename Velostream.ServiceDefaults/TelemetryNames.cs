namespace Velostream.ServiceDefaults;

/// <summary>
/// The names the engine's instrumentation uses and the telemetry pipeline subscribes to. One place,
/// so that the ActivitySource and Meter the engine creates are exactly the ones exported.
/// </summary>
public static class TelemetryNames
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of every Velostream span.</summary>
    public const string ActivitySource = "Velostream";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of every Velostream metric.</summary>
    public const string Meter = "Velostream";
}
