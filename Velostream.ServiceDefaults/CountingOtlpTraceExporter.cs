using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace Velostream.ServiceDefaults;

/// <summary>The OTLP span exporter, counting the spans of every export that fails for good in <see cref="TelemetryDrops"/>.</summary>
internal sealed class CountingOtlpTraceExporter(OtlpExporterOptions options, TelemetryDrops drops) : OtlpTraceExporter(options)
{
    private readonly string _destination = options.Endpoint.ToString();

    public override ExportResult Export(in Batch<Activity> batch)
    {
        ExportFailureListener.Clear();
        var result = base.Export(batch);
        if (result != ExportResult.Success)
        {
            ExportOutcome.Failed(drops, TelemetryDrops.Traces, batch.Count, _destination);
        }
        return result;
    }
}
