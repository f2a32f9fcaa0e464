using System.Diagnostics;
using System.Diagnostics.Metrics;
using Velostream.ServiceDefaults;

namespace Velostream.Engine.Telemetry;

/// <summary>
/// The engine's instrumentation: one ActivitySource and one Meter, both named <c>Velostream</c> in
/// <see cref="Default"/>, which is what <c>AddServiceDefaults()</c> subscribes to. Components take an instance
/// rather than reaching for a static, so that tests can give each simulated service (feed, engine, monitor)
/// its own source and exporter and run in parallel without seeing each other's spans.
/// </summary>
internal sealed class VelostreamTelemetry : IDisposable
{
    public static VelostreamTelemetry Default { get; } = new(TelemetryNames.ActivitySource, TelemetryNames.Meter);

    private readonly ActivitySource _source;
    private readonly Meter _meter;

    /// <param name="sampling">The sampling of the tracer provider listening to the source, when not the service defaults' (see <see cref="RecordTracer"/>).</param>
    public VelostreamTelemetry(string activitySourceName, string meterName, int maxLinks = RecordTracer.DefaultMaxLinks, SamplingSettings? sampling = null)
    {
        var version = typeof(VelostreamTelemetry).Assembly.GetName().Version?.ToString();
        _source = new ActivitySource(activitySourceName, version);
        _meter = new Meter(meterName, version);
        Tracer = new RecordTracer(_source, maxLinks, sampling);
        Metrics = new VelostreamMetrics(_meter);
    }

    public RecordTracer Tracer { get; }

    public VelostreamMetrics Metrics { get; }

    public void Dispose()
    {
        _source.Dispose();
        _meter.Dispose();
    }
}
