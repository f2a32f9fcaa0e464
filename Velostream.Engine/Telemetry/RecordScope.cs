using System.Diagnostics;
using Velostream.Engine.Connectors;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Telemetry;

/// <summary>
/// What <see cref="TelemetryJobObserver"/> keeps while one record is processed. One instance per thread is
/// reused for every record: the job runner processes a record start to finish on one thread, so recording
/// a record costs no allocation.
/// </summary>
internal sealed class RecordScope
{
    [ThreadStatic]
    private static RecordScope? t_current;

    public Activity? Process;
    public Activity? Query;
    public long StartTimestamp;
    public string Topic = "";

    /// <summary>
    /// The header list (an unsampled <c>traceparent</c> alone) given to this batch's outputs whose input had
    /// no context and no other headers: one per batch, because nothing records unsampled traces and a shared
    /// list costs no allocation per record (header lists given to sinks are never mutated).
    /// </summary>
    public RecordHeaders? UnsampledHeaders;

    /// <summary>The unsampled <c>traceparent</c> value of this batch (header values are never mutated either).</summary>
    public byte[]? UnsampledTraceParent;

    /// <summary>The consumer group the current batch was read through (Kafka sources), for the records' spans.</summary>
    public string? ConsumerGroup;

    /// <summary>Between the observer's BatchRead and BatchCompleted on this thread.</summary>
    public bool InBatch;

    /// <summary>Outputs of the current batch not yet added to the produced counter, and for which job and sink.</summary>
    public long Produced;
    public JobInfo? ProducedJob;
    public string? ProducedSink;


    public static RecordScope ForThisThread() => t_current ??= new RecordScope();

    public void Clear()
    {
        Process = null;
        Query = null;
        StartTimestamp = 0;
    }
}
