using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Velostream.ServiceDefaults;

/// <summary>
/// Says at start-up, one line per destination, where telemetry goes and which sampling is in force: the
/// first thing to check when a dashboard stays empty.
/// </summary>
internal sealed partial class TelemetryStartupLogger(TelemetrySettings settings, ILogger<TelemetryStartupLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Otlp is { } otlp)
        {
            LogOtlp(logger, otlp.Endpoint, otlp.ProtocolName, settings.ServiceName);
        }
        if (settings.Tempo is { } tempo && settings.TracingEnabled)
        {
            LogTempo(logger, tempo.Endpoint, tempo.ProtocolName);
        }
        if (settings.Prometheus is { } prometheus)
        {
            LogPrometheus(logger, prometheus.Endpoint, settings.PrometheusExportIntervalMs);
        }
        if (settings.TracingEnabled)
        {
            LogTracing(logger, settings.ServiceName, settings.ServiceInstanceId, settings.Sampling.ToString());
        }
        else
        {
            LogTracingOff(logger, settings.ServiceName);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Initializing OpenTelemetry with OTLP endpoint: {Endpoint} ({Protocol}) for traces, metrics and logs of service {ServiceName}")]
    private static partial void LogOtlp(ILogger logger, Uri endpoint, string protocol, string serviceName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending traces to Tempo at {Endpoint} ({Protocol})")]
    private static partial void LogTempo(ILogger logger, Uri endpoint, string protocol);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending metrics to Prometheus at {Endpoint} (http/protobuf) every {IntervalMs} ms")]
    private static partial void LogPrometheus(ILogger logger, Uri endpoint, int intervalMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Distributed tracing initialized for service {ServiceName} (instance {InstanceId}); sampling: {Sampling}")]
    private static partial void LogTracing(ILogger logger, string serviceName, string instanceId, string sampling);

    [LoggerMessage(Level = LogLevel.Information, Message = "Distributed tracing disabled for service {ServiceName}: no trace destination configured (set OTEL_EXPORTER_OTLP_ENDPOINT or pass --otlp-endpoint / --enable-tracing)")]
    private static partial void LogTracingOff(ILogger logger, string serviceName);
}
