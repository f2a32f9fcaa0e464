namespace Velostream.Benchmarks.Tracing;

/// <summary>What one run of one mode measured.</summary>
internal sealed record TracingRunResult(
    TracingMode Mode,
    long Records,
    TimeSpan Elapsed,
    long SpansEnded,
    long SpansDropped,
    long ExportRequests,
    long ExportFailures,
    long PeakManagedBytes,
    int Warnings)
{
    public double RecordsPerSecond => Records / Elapsed.TotalSeconds;
}
