namespace Velostream.Benchmarks.Harness;

/// <summary>The result of timing one contender on one scenario.</summary>
/// <param name="Records">Input records per iteration.</param>
/// <param name="OutputRows">Output rows per iteration (the same in every iteration, or the run fails).</param>
/// <param name="MedianSeconds">Median wall-clock time of the timed iterations.</param>
/// <param name="MedianCpuSeconds">Median CPU time of the benchmark thread over the timed iterations (NaN where not measurable).</param>
/// <param name="BytesPerRecord">Median bytes allocated on the benchmark thread per input record; null when not measurable (native code).</param>
internal sealed record Measurement(long Records, long OutputRows, double MedianSeconds, double MedianCpuSeconds, double? BytesPerRecord)
{
    public double RecordsPerSecond => Records / MedianSeconds;

    /// <summary>Records per second of the thread's own CPU time: what an idle machine's wall clock would show.</summary>
    public double RecordsPerCpuSecond => double.IsNaN(MedianCpuSeconds) ? RecordsPerSecond : Records / MedianCpuSeconds;
}
