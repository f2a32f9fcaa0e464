using System.Reflection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;

namespace Velostream.ServiceDefaults;

/// <summary>
/// The OTLP log exporter (sealed, so wrapped rather than derived), counting the log records of every export
/// that fails in <see cref="TelemetryDrops"/>.
/// </summary>
internal sealed class CountingOtlpLogExporter : BaseExporter<LogRecord>
{
    // The wrapped exporter reads the service's resource from its provider, which the SDK sets only on the
    // exporter it was given (this one); the setter is internal.
    private static readonly MethodInfo ParentProviderSetter =
        typeof(BaseExporter<LogRecord>).GetProperty(nameof(ParentProvider))!.GetSetMethod(nonPublic: true)
        ?? throw new InvalidOperationException("BaseExporter.ParentProvider has no setter in this OpenTelemetry version.");

    private readonly OtlpLogExporter _inner;
    private readonly TelemetryDrops _drops;
    private readonly string _destination;

    public CountingOtlpLogExporter(OtlpExporterOptions options, TelemetryDrops drops)
    {
        _inner = new OtlpLogExporter(options);
        _drops = drops;
        _destination = options.Endpoint.ToString();
    }

    public override ExportResult Export(in Batch<LogRecord> batch)
    {
        if (_inner.ParentProvider is null && ParentProvider is { } provider)
        {
            ParentProviderSetter.Invoke(_inner, [provider]);
        }
        ExportFailureListener.Clear();
        var result = _inner.Export(batch);
        if (result != ExportResult.Success)
        {
            ExportOutcome.Failed(_drops, TelemetryDrops.Logs, batch.Count, _destination);
        }
        return result;
    }

    protected override bool OnForceFlush(int timeoutMilliseconds) => _inner.ForceFlush(timeoutMilliseconds);

    protected override bool OnShutdown(int timeoutMilliseconds) => _inner.Shutdown(timeoutMilliseconds);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
