using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Velostream.Benchmarks.Baselines;
using Velostream.Benchmarks.Data;
using Velostream.Benchmarks.DuckDb;
using Velostream.Benchmarks.Engine;
using Velostream.Benchmarks.Harness;
using Velostream.Benchmarks.Report;
using Velostream.Benchmarks.Scenarios;
using Velostream.Engine.Execution.Planning;

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

        var loadBefore = LoadAverage();
        var generation = Stopwatch.StartNew();
        var data = BenchmarkData.Generate(options.Records, options.Seed);
        output.WriteLine(FormattableString.Invariant(
            $"generated in {generation.Elapsed.TotalSeconds:0.0} s: market_data {data.MarketData.Count:N0} records ({data.MarketData.TotalBytes / (double)data.MarketData.Count:0.0} B avg), reference {data.Reference.Count:N0} rows, orders {data.Orders.Count:N0} + executions {data.Executions.Count:N0}"));
        output.WriteLine();

        var runner = new IterationRunner(options.Warmups, options.Iterations, TimeSpan.FromSeconds(options.Warmups == 0 ? 0 : 1));
        var chosen = ScenarioCatalog.All.Where(s => options.Scenarios.Contains(s.Id)).ToList();
        using var duckDb = !options.EngineOnly && chosen.Any(s => s.DuckDbQuery is not null) ? DuckDbContender.Load(data.MarketData) : null;
        var results = new List<ScenarioResult>();
        foreach (var scenario in chosen)
        {
            var contenders = new List<Contender>();
            var engine = EngineFor(scenario, data);
            contenders.Add(engine.AsContender(Engine));
            if (!options.EngineOnly)
            {
                AddBaseline(contenders, scenario, data);
            }
            if (scenario.DuckDbQuery is { } query && duckDb is not null)
            {
                contenders.Add(new Contender(DuckDb, data.MarketData.Count, duckDb.DropResult, () => duckDb.RunQuery(query), Managed: false));
            }
            var measured = runner.Measure(contenders);
            foreach (var (contender, result, error) in measured)
            {
                output.WriteLine(result is null
                    ? $"{scenario.Id} {contender.Name,-12} failed: {error}"
                    : FormattableString.Invariant(
                        $"{scenario.Id} {contender.Name,-12} {MarkdownTable.Rate(result.RecordsPerCpuSecond),9}/s CPU  {MarkdownTable.Rate(result.RecordsPerSecond),9}/s wall  median {result.MedianCpuSeconds * 1000,7:0} ms CPU {result.MedianSeconds * 1000,7:0} ms wall  {result.OutputRows,10:N0} rows out  {(result.BytesPerRecord is { } b ? $"{b:0.0} B/record" : "")}"));
            }
            if (engine.Rejected is { Failed: > 0 } or { Late: > 0 })
            {
                output.WriteLine($"{scenario.Id} WARNING: the engine counted {engine.Rejected.Failed:N0} records as failed and {engine.Rejected.Late:N0} as late");
            }
            WarnOnRowMismatch(output, scenario, measured, ExpectedRows(scenario, data));
            Measurement? Of(string name) => measured.FirstOrDefault(m => m.Contender.Name == name).Result;
            results.Add(new ScenarioResult(scenario, Of(Engine), Of(HandWritten), Of(DuckDb)));
        }
        output.WriteLine();
        output.WriteLine($"load average before: {loadBefore}, after: {LoadAverage()}");
        output.WriteLine();
        output.Write(MarkdownTable.Format(results));
        return 0;
    }

    private const string Engine = "engine";
    private const string HandWritten = "hand-written";
    private const string DuckDb = "DuckDB";

    private static EngineContender EngineFor(Scenario scenario, BenchmarkData data)
    {
        var batchSize = new JobOptions().BatchSize;
        if (scenario == ScenarioCatalog.S4)
        {
            return new EngineContender(scenario.Sql, BatchSchedule.Of("market_data", data.MarketData, batchSize),
                ("instruments", BatchSchedule.Whole("instruments", data.Reference)));
        }
        if (scenario == ScenarioCatalog.S5)
        {
            return new EngineContender(scenario.Sql,
                BatchSchedule.Merge("orders", data.Orders, "executions", data.Executions, batchSize, "timestamp"));
        }
        return new EngineContender(scenario.Sql, BatchSchedule.Of("market_data", data.MarketData, batchSize));
    }

    /// <summary>Output rows known from the data itself: every record for the LEFT JOIN, the generated matches for the interval join.</summary>
    private static long? ExpectedRows(Scenario scenario, BenchmarkData data) =>
        scenario == ScenarioCatalog.S4 ? data.MarketData.Count
        : scenario == ScenarioCatalog.S5 ? data.OrderMatches
        : null;

    private static void AddBaseline(List<Contender> contenders, Scenario scenario, BenchmarkData data)
    {
        var sink = new CountingSink("baseline");
        var input = data.MarketData;
        if (scenario == ScenarioCatalog.S1)
        {
            var filter = new FilterBaseline(sink);
            contenders.Add(new Contender(HandWritten, input.Count, () => { sink.Reset(); filter.Reset(); }, () => filter.Run(input)));
        }
        else if (scenario == ScenarioCatalog.S2)
        {
            var aggregate = new TumblingAggregateBaseline(sink, ScenarioCatalog.WindowMs, ScenarioCatalog.MaxOutOfOrdernessMs);
            contenders.Add(new Contender(HandWritten, input.Count, () => { sink.Reset(); aggregate.Reset(); }, () => aggregate.Run(input)));
        }
    }

    /// <summary>
    /// Every contender computes the same result, so the row counts must agree with each other and
    /// with what the data implies; a mismatch means a bug somewhere. (S3's updates are not
    /// compared: EMIT CHANGES may coalesce several updates of a key within a batch.)
    /// </summary>
    private static void WarnOnRowMismatch(TextWriter output, Scenario scenario, IEnumerable<(Contender Contender, Measurement? Result, string? Error)> measured, long? expected)
    {
        var done = measured.Where(m => m.Result is not null).ToList();
        var counts = done.Select(m => m.Result!.OutputRows).Concat(expected is { } e ? [e] : []).Distinct().Count();
        if (counts > 1)
        {
            output.WriteLine($"{scenario.Id} WARNING: output row counts disagree: "
                + string.Join(", ", done.Select(m => $"{m.Contender.Name} {m.Result!.OutputRows:N0}"))
                + (expected is { } x ? $", expected from the data {x:N0}" : ""));
        }
    }

    /// <summary>The 1-minute load average: on a shared machine it says how much the figures can be trusted.</summary>
    internal static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
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
