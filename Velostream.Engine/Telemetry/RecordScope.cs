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

    public static RecordScope ForThisThread() => t_current ??= new RecordScope();

    public void Clear()
    {
        Process = null;
        Query = null;
        StartTimestamp = 0;
    }
}
