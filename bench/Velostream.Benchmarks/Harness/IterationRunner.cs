using System.Diagnostics;

namespace Velostream.Benchmarks.Harness;

/// <summary>
/// Times a contender: warm-up iterations (at least <paramref name="warmups"/>, and at least
/// <paramref name="minWarmup"/> of them, so the JIT's tiered compilation and dynamic PGO have
/// settled), then timed iterations, each
/// preceded by an untimed reset and a full GC so one iteration's garbage is not billed to the
/// next. Reports the median time and the median bytes allocated on this thread.
/// </summary>
internal sealed class IterationRunner(int warmups, int iterations, TimeSpan minWarmup)
{
    public int Warmups => warmups;

    public int Iterations => iterations;

    /// <param name="records">Input records one iteration processes.</param>
    /// <param name="reset">Untimed: restores the initial state (rewinds sources, clears sinks).</param>
    /// <param name="execute">Timed: processes every record and returns the number of output rows.</param>
    /// <param name="managed">False for native contenders, whose allocations the GC does not see.</param>
    public Measurement Measure(long records, Action reset, Func<long> execute, bool managed = true)
    {
        long? outputRows = null;
        var warmupStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < warmups || Stopwatch.GetElapsedTime(warmupStart) < minWarmup; i++)
        {
            reset();
            outputRows = Check(outputRows, execute());
        }
        var seconds = new double[iterations];
        var allocated = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            reset();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            var rows = execute();
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            allocated[i] = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)records;
            outputRows = Check(outputRows, rows);
        }
        return new Measurement(records, outputRows ?? 0, Median(seconds), managed ? Median(allocated) : null);
    }

    private static long Check(long? previous, long rows)
    {
        if (previous is { } p && p != rows)
        {
            throw new InvalidOperationException($"iterations disagree on the output: {p} rows, then {rows}");
        }
        return rows;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
