using System.Diagnostics;

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
    /// The unsampled <c>traceparent</c> given to this batch's outputs whose input had no context: one value
    /// per batch, because nothing records unsampled traces and a shared, immutable header value costs no
    /// allocation per record (header values are never mutated).
    /// </summary>
    public byte[]? UnsampledTraceParent;

    public static RecordScope ForThisThread() => t_current ??= new RecordScope();

    public void Clear()
    {
        Process = null;
        Query = null;
        StartTimestamp = 0;
    }
}
