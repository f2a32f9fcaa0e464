using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Velostream.ServiceDefaults;

/// <summary>The OTLP metric exporter, counting the metric streams of every export that fails in <see cref="TelemetryDrops"/>.</summary>
internal sealed class CountingOtlpMetricExporter(OtlpExporterOptions options, TelemetryDrops drops) : OtlpMetricExporter(options)
{
    private readonly string _destination = options.Endpoint.ToString();

    public override ExportResult Export(in Batch<Metric> batch)
    {
        ExportFailureListener.Clear();
        var result = base.Export(batch);
        if (result != ExportResult.Success)
        {
            ExportOutcome.Failed(drops, TelemetryDrops.Metrics, batch.Count, _destination);
        }
        return result;
    }
}
