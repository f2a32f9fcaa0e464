namespace Velostream.Benchmarks.Tracing;

/// <summary>What one run of one mode measured.</summary>
internal sealed record TracingRunResult(
    TracingMode Mode,
    long Records,
    TimeSpan Elapsed,
    TimeSpan ProcessCpu,
    long SpansEnded,
    long SpansDropped,
    long ExportRequests,
    long ExportFailures,
    long PeakManagedBytes,
    int Warnings)
{
    public double RecordsPerSecond => Records / Elapsed.TotalSeconds;

    /// <summary>CPU time of the whole process (engine, Kafka client and exporter threads) per record.</summary>
    public double CpuMicrosPerRecord => ProcessCpu.TotalMicroseconds / Records;
}
