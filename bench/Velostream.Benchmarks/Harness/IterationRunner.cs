using System.Diagnostics;

namespace Velostream.Benchmarks.Harness;

/// <summary>
/// Times the contenders of one scenario: warm-up iterations for each (at least
/// <paramref name="warmups"/>, and at least <paramref name="minWarmup"/> of them, so tiered JIT and
/// dynamic PGO have settled), then timed iterations taken in turns (engine, baseline, DuckDB,
/// engine, …) so that load from other processes on a shared machine hits all contenders alike and
/// their ratio stays meaningful. Each timed iteration is preceded by an untimed reset and a full
/// GC. Reports the median wall-clock time, the median CPU time of this thread (immune to waiting for
/// a core on a busy machine) and the median bytes allocated on this thread per input record.
/// </summary>
internal sealed class IterationRunner(int warmups, int iterations, TimeSpan minWarmup)
{
    /// <summary>Measures every contender; a contender that throws is reported and yields null.</summary>
    public IReadOnlyList<(Contender Contender, Measurement? Result, string? Error)> Measure(IReadOnlyList<Contender> contenders)
    {
        var rows = new long?[contenders.Count];
        var errors = new string?[contenders.Count];
        var seconds = contenders.Select(_ => new List<double>()).ToArray();
        var cpuSeconds = contenders.Select(_ => new List<double>()).ToArray();
        var allocated = contenders.Select(_ => new List<double>()).ToArray();
        for (var c = 0; c < contenders.Count; c++)
        {
            var warmupStart = Stopwatch.GetTimestamp();
            for (var i = 0; errors[c] is null && (i < warmups || Stopwatch.GetElapsedTime(warmupStart) < minWarmup); i++)
            {
                Guard(c, () =>
                {
                    contenders[c].Reset();
                    rows[c] = Check(rows[c], contenders[c].Execute());
                });
            }
        }
        for (var i = 0; i < iterations; i++)
        {
            for (var c = 0; c < contenders.Count; c++)
            {
                if (errors[c] is null)
                {
                    Guard(c, () => TimeOnce(contenders[c], ref rows[c], seconds[c], cpuSeconds[c], allocated[c]));
                }
            }
        }
        return contenders.Select((contender, c) => (contender,
            errors[c] is null && seconds[c].Count > 0
                ? new Measurement(contender.Records, rows[c] ?? 0, Statistics.Median(seconds[c]), Statistics.Median(cpuSeconds[c]), contender.Managed ? Statistics.Median(allocated[c]) : null)
                : null,
            errors[c])).ToList();

        void Guard(int c, Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                errors[c] = $"{e.GetType().Name}: {e.Message}";
            }
        }
    }

    private static void TimeOnce(Contender contender, ref long? rows, List<double> seconds, List<double> cpuSeconds, List<double> allocated)
    {
        contender.Reset();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var cpuStart = ThreadCpuClock.Now();
        var start = Stopwatch.GetTimestamp();
        var output = contender.Execute();
        seconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        cpuSeconds.Add(ThreadCpuClock.Now() - cpuStart);
        allocated.Add((GC.GetAllocatedBytesForCurrentThread() - before) / (double)contender.Records);
        rows = Check(rows, output);
    }

    private static long Check(long? previous, long rows)
    {
        if (previous is { } p && p != rows)
        {
            throw new InvalidOperationException($"iterations disagree on the output: {p} rows, then {rows}");
        }
        return rows;
    }
}
