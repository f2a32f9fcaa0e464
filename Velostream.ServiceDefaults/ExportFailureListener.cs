using System.Diagnostics.Tracing;

namespace Velostream.ServiceDefaults;

/// <summary>
/// The OTLP exporter says why an export failed only through its EventSource, and at two levels: refused or
/// unreachable receivers are errors for OTLP/HTTP, but a timeout, a transient HTTP error (how an unreachable
/// OTLP/gRPC receiver shows) or a gRPC status are warnings. This listener takes both and keeps the last one
/// on the exporting thread, where the counting exporter that called the export reads it once the export has
/// returned failure: the event is raised on that same thread, before the export returns.
/// </summary>
internal sealed class ExportFailureListener : EventListener
{
    private const string OtlpExporterSource = "OpenTelemetry-Exporter-OpenTelemetryProtocol";

    // Event ids of OpenTelemetryProtocolExporterEventSource that mean the receiver did not answer in time.
    private const int RequestTimedOut = 19;
    private const int OperationUnexpectedlyCanceled = 18;

    [ThreadStatic]
    private static ExportFailure? t_last;

    public static ExportFailureListener Instance { get; } = new();

    private ExportFailureListener()
    {
    }

    /// <summary>Forgets what an earlier export on this thread reported.</summary>
    public static void Clear() => t_last = null;

    /// <summary>What the exporter reported on this thread since <see cref="Clear"/>, if anything.</summary>
    public static ExportFailure? Last => t_last;

    // Called from the base constructor for sources that already exist: only enable here.
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == OtlpExporterSource)
        {
            EnableEvents(eventSource, EventLevel.Warning);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Level > EventLevel.Warning || eventData.EventSource.Name != OtlpExporterSource)
        {
            return;
        }
        var reason = eventData.EventId is RequestTimedOut or OperationUnexpectedlyCanceled ? TelemetryDrops.Timeout : TelemetryDrops.ExportFailed;
        t_last = new ExportFailure(reason, FirstLine(Format(eventData)));
    }

    private static string Format(EventWrittenEventArgs eventData)
    {
        if (eventData.Message is not { } format || eventData.Payload is not { } payload)
        {
            return eventData.EventName ?? "unknown error";
        }
        try
        {
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, [.. payload]);
        }
        catch (FormatException)
        {
            return format;
        }
    }

    /// <summary>The payload carries the exception with its stack trace; its first line says what went wrong.</summary>
    private static string FirstLine(string message)
    {
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return (end >= 0 ? message[..end] : message).TrimEnd('.', ' ');
    }
}

/// <summary>Why the last export on a thread failed: a reason of <see cref="TelemetryDrops"/> and the exporter's own words.</summary>
internal sealed record ExportFailure(string Reason, string Message);
