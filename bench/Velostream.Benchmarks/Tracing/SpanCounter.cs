using System.Diagnostics;
using System.Diagnostics.Tracing;
using Velostream.ServiceDefaults;

namespace Velostream.Benchmarks.Tracing;

/// <summary>
/// Counts what the pipeline did without influencing it: recorded Velostream spans that ended (an
/// ActivityListener that never asks for spans itself), and the SDK's own reports of spans its batch
/// processor dropped and of failed exports (its EventSources).
/// </summary>
internal sealed class SpanCounter : EventListener
{
    private ActivityListener? _listener;
    private long _ended;
    private long _dropped;
    private long _exportFailures;

    public SpanCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TelemetryNames.ActivitySource,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.Recorded)
                {
                    Interlocked.Increment(ref _ended);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public long Ended => Interlocked.Read(ref _ended);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long ExportFailures => Interlocked.Read(ref _exportFailures);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name is "OpenTelemetry-Sdk" || eventSource.Name.StartsWith("OpenTelemetry-Exporter", StringComparison.Ordinal))
        {
            EnableEvents(eventSource, EventLevel.Warning);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName == "ExistsDroppedExportProcessorItems" && eventData.Payload is { Count: >= 3 } payload && payload[1] is string exporter && exporter.Contains("Trace", StringComparison.Ordinal) && payload[2] is long dropped)
        {
            Interlocked.Add(ref _dropped, dropped);
        }
        else if (eventData.Level <= EventLevel.Error && eventData.EventSource.Name.StartsWith("OpenTelemetry-Exporter", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _exportFailures);
        }
    }

    public override void Dispose()
    {
        _listener?.Dispose();
        _listener = null;
        base.Dispose();
    }
}
