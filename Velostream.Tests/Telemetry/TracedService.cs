using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Velostream.Engine.Telemetry;
using Velostream.ServiceDefaults;

namespace Velostream.Tests.Telemetry;

/// <summary>
/// One simulated service in a test process: its own ActivitySource (unique name, so parallel tests and the
/// other simulated services never see its spans), and its own TracerProvider whose resource carries the
/// service name, exporting to memory. This is how feed, engine and monitor are told apart in one process.
/// </summary>
internal sealed class TracedService : IDisposable
{
    private readonly TracerProvider _provider;
    private readonly List<Activity> _exported = [];

    public TracedService(string serviceName, double samplingRatio = 1.0, int maxLinks = RecordTracer.DefaultMaxLinks, bool parentBased = true)
    {
        ServiceName = serviceName;
        var sourceName = $"Velostream.Test.{serviceName}.{Guid.NewGuid():N}";
        var sampling = new SamplingSettings(samplingRatio, parentBased, "test");
        Telemetry = new VelostreamTelemetry(sourceName, sourceName, maxLinks, sampling);
        _provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(serviceName))
            .SetSampler(sampling.CreateSampler())
            .AddSource(sourceName)
            .AddInMemoryExporter(_exported)
            .Build()!;
    }

    public string ServiceName { get; }

    public VelostreamTelemetry Telemetry { get; }

    public RecordTracer Tracer => Telemetry.Tracer;

    /// <summary>Spans ended so far (the in-memory exporter runs as each span ends).</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_exported)
            {
                return [.. _exported];
            }
        }
    }

    public void Dispose()
    {
        _provider.Dispose();
        Telemetry.Dispose();
    }
}
