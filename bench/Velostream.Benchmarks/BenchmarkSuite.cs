using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Velostream.Benchmarks.Baselines;
using Velostream.Benchmarks.Data;
using Velostream.Benchmarks.DuckDb;
using Velostream.Benchmarks.Harness;
using Velostream.Benchmarks.Report;
using Velostream.Benchmarks.Scenarios;

namespace Velostream.Benchmarks;

/// <summary>
/// Generates the data, times every contender of every chosen scenario on this thread, prints
/// per-contender details and then the Markdown table.
/// </summary>
internal static class BenchmarkSuite
{
    public static int Run(BenchmarkOptions options, TextWriter output)
    {
        output.WriteLine(FormattableString.Invariant(
            $"# Velostream benchmarks, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        output.WriteLine(FormattableString.Invariant(
            $"records {options.Records:N0}, seed {options.Seed}, {options.Warmups} warm-up iterations (and at least 1 s) + {options.Iterations} timed iterations (median), single thread"));

        var generation = Stopwatch.StartNew();
        var data = BenchmarkData.Generate(options.Records, options.Seed);
        output.WriteLine(FormattableString.Invariant(
            $"generated in {generation.Elapsed.TotalSeconds:0.0} s: market_data {data.MarketData.Count:N0} records ({data.MarketData.TotalBytes / (double)data.MarketData.Count:0.0} B avg), reference {data.Reference.Count:N0} rows, orders {data.Orders.Count:N0} + executions {data.Executions.Count:N0}"));
        output.WriteLine();

        var runner = new IterationRunner(options.Warmups, options.Iterations, TimeSpan.FromSeconds(options.Warmups == 0 ? 0 : 1));
        var chosen = ScenarioCatalog.All.Where(s => options.Scenarios.Contains(s.Id)).ToList();
        using var duckDb = chosen.Any(s => s.DuckDbQuery is not null) ? DuckDbContender.Load(data.MarketData) : null;
        var results = new List<ScenarioResult>();
        foreach (var scenario in chosen)
        {
            var baseline = Contend(output, scenario, "hand-written", () => MeasureBaseline(runner, scenario, data));
            var duck = scenario.DuckDbQuery is { } query && duckDb is not null
                ? Contend(output, scenario, "DuckDB", () => runner.Measure(data.MarketData.Count, duckDb.DropResult, () => duckDb.RunQuery(query), managed: false))
                : null;
            results.Add(new ScenarioResult(scenario, Engine: null, baseline, duck, EngineNote: "n/a"));
            CompareRows(output, scenario, ("hand-written", baseline), ("DuckDB", duck));
        }
        output.WriteLine();
        output.Write(MarkdownTable.Format(results));
        return 0;
    }

    private static Measurement? MeasureBaseline(IterationRunner runner, Scenario scenario, BenchmarkData data)
    {
        var sink = new CountingSink("baseline");
        var input = data.MarketData;
        if (scenario == ScenarioCatalog.S1)
        {
            var filter = new FilterBaseline(input, sink);
            return runner.Measure(input.Count, sink.Reset, filter.Run);
        }
        if (scenario == ScenarioCatalog.S2)
        {
            var aggregate = new TumblingAggregateBaseline(input, sink, ScenarioCatalog.WindowMs, ScenarioCatalog.MaxOutOfOrdernessMs);
            return runner.Measure(input.Count, () => { sink.Reset(); aggregate.Reset(); }, aggregate.Run);
        }
        return null;
    }

    /// <summary>Runs one contender, printing its details; a failure is reported and leaves a gap in the table.</summary>
    private static Measurement? Contend(TextWriter output, Scenario scenario, string contender, Func<Measurement?> measure)
    {
        try
        {
            var m = measure();
            if (m is not null)
            {
                output.WriteLine(FormattableString.Invariant(
                    $"{scenario.Id} {contender,-12} {MarkdownTable.Rate(m.RecordsPerSecond),9}/s  median {m.MedianSeconds * 1000,8:0.0} ms  {m.OutputRows,10:N0} rows out  {(m.BytesPerRecord is { } b ? $"{b:0.0} B/record" : "")}"));
            }
            return m;
        }
        catch (Exception e)
        {
            output.WriteLine($"{scenario.Id} {contender,-12} failed: {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    /// <summary>Every contender computes the same result, so the row counts must agree; a mismatch means a bug somewhere.</summary>
    private static void CompareRows(TextWriter output, Scenario scenario, params (string Name, Measurement? Result)[] contenders)
    {
        var measured = contenders.Where(c => c.Result is not null).ToList();
        if (measured.Select(c => c.Result!.OutputRows).Distinct().Count() > 1)
        {
            output.WriteLine($"{scenario.Id} WARNING: contenders disagree on the output row count: "
                + string.Join(", ", measured.Select(c => $"{c.Name} {c.Result!.OutputRows:N0}")));
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?[(line.IndexOf(':') + 1)..].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
