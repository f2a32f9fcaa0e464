using System.Diagnostics.Tracing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Velostream.ServiceDefaults;

/// <summary>
/// The OpenTelemetry exporters report failures only to their EventSource, so an unreachable collector
/// would go unnoticed. This listener turns the first exporter error into one warning in the service's log
/// and stays quiet afterwards: the exporters keep retrying and dropping on their own, and a log line per
/// failed batch would flood the very log pipeline that is failing.
/// </summary>
internal sealed partial class ExportFailureLogger : EventListener, IHostedService
{
    private const string ExporterSourcePrefix = "OpenTelemetry-Exporter";

    private ILogger? _logger;
    private int _reported;

    public ExportFailureLogger(ILogger<ExportFailureLogger> logger) => _logger = logger;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Called from the base constructor for sources that already exist, before _logger is set: only enable here.
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name.StartsWith(ExporterSourcePrefix, StringComparison.Ordinal))
        {
            EnableEvents(eventSource, EventLevel.Error);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Level > EventLevel.Error || _logger is not { } logger || Interlocked.Exchange(ref _reported, 1) == 1)
        {
            return;
        }
        var message = eventData.Message is { } format && eventData.Payload is { } payload
            ? SafeFormat(format, payload)
            : eventData.EventName ?? "unknown error";
        // The payload carries the exception with its stack trace; its first line says what went wrong.
        var firstLine = message.AsSpan();
        if (firstLine.IndexOfAny('\r', '\n') is >= 0 and var end)
        {
            firstLine = firstLine[..end];
        }
        LogExportFailing(logger, eventData.EventSource.Name, firstLine.ToString());
    }

    private static string SafeFormat(string format, IReadOnlyCollection<object?> payload)
    {
        try
        {
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, [.. payload]);
        }
        catch (FormatException)
        {
            return format;
        }
    }

    public override void Dispose()
    {
        _logger = null;
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telemetry export is failing ({Source}): {Error}. The service keeps running; telemetry that cannot be sent is dropped. Further export errors are not logged.")]
    private static partial void LogExportFailing(ILogger logger, string source, string error);
}
