using Microsoft.Extensions.Hosting;
using Velostream.Engine.Telemetry;
using Velostream.ServiceDefaults;
using Velostream.Tests.Otlp;

namespace Velostream.Tests.Monitoring;

/// <summary>
/// The engine's metrics as Prometheus would store them, taken from a real export: the engine's
/// instruments (Meter <c>Velostream</c>) record one of everything, ServiceDefaults exports them over
/// OTLP/HTTP to the endpoint the AppHost gives as Prometheus's receiver (here a receiver hosted by the
/// test), and the received metrics are renamed the way Prometheus's OTLP receiver renames them.
/// </summary>
internal static class EngineMetricsExport
{
    private static readonly string[] EngineMetricNames =
    [
        VelostreamMetrics.RecordsConsumedName, VelostreamMetrics.RecordsProducedName, VelostreamMetrics.RecordsFailedName,
        VelostreamMetrics.RecordsLateName, VelostreamMetrics.RecordsDeadLetteredName, VelostreamMetrics.ProcessingDurationName,
        VelostreamMetrics.ConsumerLagName, VelostreamMetrics.WindowKeysName, VelostreamMetrics.OpenWindowsName,
        VelostreamMetrics.ActiveJobsName,
    ];

    public static async Task<MetricCatalog> ExportAsync()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[TelemetryConfigurationKeys.OtelServiceName] = "velostream-engine";
        builder.Configuration[TelemetryConfigurationKeys.PrometheusEndpoint] = receiver.HttpEndpoint.ToString();
        builder.Configuration[TelemetryConfigurationKeys.PrometheusExportIntervalMs] = "100";
        builder.AddServiceDefaults();
        using var host = builder.Build();
        await host.StartAsync();

        // A meter of its own (same name, so ServiceDefaults exports it) keeps other tests' measurements apart.
        using var telemetry = new VelostreamTelemetry(TelemetryNames.ActivitySource, TelemetryNames.Meter);
        var metrics = telemetry.Metrics;
        const string job = "dashboard_check";
        metrics.JobStarted(job);
        metrics.RecordsConsumed(job, "market_data", 10);
        metrics.RecordsProduced(job, "price_alerts", 2);
        metrics.RecordFailed(job, "market_data", "decode_error");
        metrics.RecordsLate(job, "market_data", 1);
        metrics.RecordsDeadLettered(job, "market_data", 1);
        metrics.ProcessingDuration(job, 0.002);
        metrics.ConsumerLag(job, "market_data", 0, 5);
        metrics.WindowState(job, keys: 3, openWindows: 1);

        await receiver.WaitUntilAsync(
            r => EngineMetricNames.All(name => Received(r, name).Any(m => m.DataPointAttributes.Any(a => a.GetValueOrDefault(VelostreamMetrics.JobAttribute) == job))),
            "every engine metric exported by velostream-engine");
        await host.StopAsync();

        var catalog = new MetricCatalog();
        PrometheusOtlpNames.AddTo(catalog, receiver.Metrics.Where(m => m.ServiceName == "velostream-engine"));
        return catalog;
    }

    private static IEnumerable<ReceivedMetric> Received(OtlpReceiver receiver, string name) =>
        receiver.Metrics.Where(m => m.ServiceName == "velostream-engine" && m.Name == name);
}
