namespace Velostream.Benchmarks.Tracing;

/// <summary>What one run of one mode measured.</summary>
internal sealed record TracingRunResult(
    TracingMode Mode,
    int Round,
    long Records,
    TimeSpan Elapsed,
    TimeSpan ProcessCpu,
    double EngineThreadCpuSeconds,
    long SpansEnded,
    long SpansDropped,
    long ExportRequests,
    long ExportFailures,
    long PeakManagedBytes,
    int Warnings,
    TimeSpan GcPause,
    int[] Collections)
{
    public double RecordsPerSecond => Records / Elapsed.TotalSeconds;

    /// <summary>CPU time of the whole process (engine, Kafka client and broker, exporter threads) per record.</summary>
    public double CpuMicrosPerRecord => ProcessCpu.TotalMicroseconds / Records;

    /// <summary>
    /// CPU time of the engine's thread alone per record: consuming, SQL, tracing, handing messages to the
    /// producer. Not the client's and broker's threads, whose CPU time varies with timing (fetch and
    /// linger cycles) far more than the engine's does.
    /// </summary>
    public double EngineThreadMicrosPerRecord => EngineThreadCpuSeconds * 1e6 / Records;
}
