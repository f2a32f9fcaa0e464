using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Velostream.Benchmarks.Baselines;
using Velostream.Benchmarks.Data;
using Velostream.Benchmarks.Harness;
using Velostream.Benchmarks.Scenarios;
using Velostream.Engine.Cli;
using Velostream.Engine.Connectors;
using Velostream.Engine.Telemetry;

namespace Velostream.Benchmarks.WholePath;

/// <summary>
/// The whole path as a user times it: a JSON-lines file in, a JSON-lines file out. The engine runs as its
/// own process (<c>Velostream.Engine run app.sql</c>; its start-up, measured on an empty file, is
/// subtracted), beside a hand-written program (file reader, <see cref="System.Text.Json.Utf8JsonReader"/>,
/// exact decimals, buffered file writer) and DuckDB reading the same file with <c>read_json</c> into
/// <c>COPY … (FORMAT json)</c>, with one thread and with two. The engine runs with <c>'execution.threads'</c>
/// 1 and 2. Every contender runs once per round, in turn; figures are medians over the rounds, and the
/// ratios are medians of the per-round ratios.
/// </summary>
/// <remarks><c>-- whole-path [--records N] [--rounds N] [--shape wide|ours|both]</c>; with <c>--kafka</c>, over the embedded broker (<see cref="WholePathKafkaBenchmark"/>).</remarks>
internal static class WholePathBenchmark
{
    private const string Engine = "engine 1 thread";
    private const string Engine2 = "engine 2 threads";
    private const string Hand = "hand-written";
    private const string Duck1 = "DuckDB 1 thread";
    private const string Duck2 = "DuckDB 2 threads";

    /// <summary>A generated input: its lines, and the field S2 windows by.</summary>
    internal sealed record Shape(string Name, string Description, string TimeField, string DuckColumns, Func<SymbolUniverse, int, JsonLines> Generate);

    private static readonly Shape Wide = new(
        "wide", "147-byte lines, 4-decimal prices, `ts`", "ts",
        "{symbol: 'VARCHAR', exchange: 'VARCHAR', price: 'DECIMAL(18,4)', bid: 'DECIMAL(18,4)', ask: 'DECIMAL(18,4)', bid_size: 'BIGINT', ask_size: 'BIGINT', volume: 'BIGINT', ts: 'BIGINT'}",
        (symbols, n) => WideMarketDataGenerator.Generate(symbols, n, seed: 7));

    private static readonly Shape Ours = new(
        "ours", "~116-byte lines, 2-decimal prices, `timestamp`", "timestamp",
        Velostream.Benchmarks.DuckDb.DuckDbContender.MarketDataColumns,
        (symbols, n) => MarketDataGenerator.Generate(symbols, n, seed: 7));

    public static int Run(string[] args, TextWriter output)
    {
        // Over Kafka: fewer records by default (the embedded broker shares the cores), one shape unless asked.
        var kafka = args.Contains("--kafka");
        args = [.. args.Where(a => a != "--kafka")];
        var records = kafka ? 200_000 : 2_000_000;
        var rounds = kafka ? 3 : 5;
        var shapes = kafka ? new List<Shape> { Ours } : [Wide, Ours];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--records" when int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    records = n;
                    break;
                case "--rounds" when int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                    rounds = r;
                    break;
                case "--shape" when args[i + 1] is "wide" or "ours" or "both":
                    shapes = args[i + 1] switch { "wide" => [Wide], "ours" => [Ours], _ => [Wide, Ours] };
                    break;
                default:
                    Console.Error.WriteLine($"whole-path: unknown or invalid option '{args[i]} {args[i + 1]}'");
                    return 2;
            }
        }
        if (args.Length % 2 != 0)
        {
            Console.Error.WriteLine("usage: whole-path [--kafka] [--records N] [--rounds N] [--shape wide|ours|both]");
            return 2;
        }
        if (kafka)
        {
            return WholePathKafkaBenchmark.Run(shapes, records, rounds, output);
        }

        var folder = Directory.CreateTempSubdirectory("velostream-whole-path-");
        try
        {
            output.WriteLine($"Whole path, file → file: {records:N0} records, {rounds} rounds (median), engine start-up subtracted; {Environment.ProcessorCount} cores.");
            var loadBefore = BenchmarkSuite.LoadAverage();
            foreach (var shape in shapes)
            {
                RunShape(shape, records, rounds, folder.FullName, output);
            }
            output.WriteLine();
            output.WriteLine($"load average before: {loadBefore}, after: {BenchmarkSuite.LoadAverage()}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        return 0;
    }

    private static void RunShape(Shape shape, int records, int rounds, string folder, TextWriter output)
    {
        var symbols = SymbolUniverse.Create(seed: 7, tradedCount: 80, referenceRows: 100, unlistedShare: 0.1);
        var input = Path.Combine(folder, $"{shape.Name}.jsonl");
        var data = shape.Generate(symbols, records);
        data.WriteTo(input);
        var firstHalf = Path.Combine(folder, $"{shape.Name}-half.jsonl");
        data.WriteTo(firstHalf, records / 2);
        var empty = Path.Combine(folder, "empty.jsonl");
        File.WriteAllBytes(empty, []);
        output.WriteLine();
        output.WriteLine($"Shape `{shape.Name}`: {shape.Description}, {data.TotalBytes / (double)records:0} bytes a line.");
        output.WriteLine();
        output.WriteLine($"| Scenario | {Engine} rec/s | {Engine2} rec/s | {Hand} rec/s | {Duck1} rec/s | {Duck2} rec/s | engine 1 ÷ hand | engine 1 ÷ hand, CPU | engine 1 ÷ DuckDB 1 | engine 2 ÷ DuckDB 2 | engine 2 ÷ engine 1 | engine CPU s (1 / 2 threads) | engine B/record | rows |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");

        foreach (var scenario in new[] { "S1", "S2" })
        {
            var app = Path.Combine(folder, $"{shape.Name}-{scenario}.sql");
            var app2 = Path.Combine(folder, $"{shape.Name}-{scenario}-2.sql");
            var startupApp = Path.Combine(folder, $"{shape.Name}-{scenario}-startup.sql");
            var engineOut = Path.Combine(folder, "engine-out.jsonl");
            File.WriteAllText(app, EngineApplication(scenario, shape, input, engineOut, threads: 1));
            File.WriteAllText(app2, EngineApplication(scenario, shape, input, engineOut, threads: 2));
            File.WriteAllText(startupApp, EngineApplication(scenario, shape, empty, Path.Combine(folder, "startup-out.jsonl"), threads: 1));

            var startup = new List<double>();
            var startupCpu = new List<double>();
            var handCpu = new List<double>();
            var seconds = new Dictionary<string, List<double>> { [Engine] = [], [Engine2] = [], [Hand] = [], [Duck1] = [], [Duck2] = [] };
            var cpu = new Dictionary<string, List<double>> { [Engine] = [], [Engine2] = [] };
            var rows = new Dictionary<string, long>();
            // One untimed warm-up of each, so file caches and DuckDB's first load do not count.
            RunEngine(startupApp);
            RunHand(scenario, shape, input, Path.Combine(folder, "hand-out.jsonl"));
            RunDuck(scenario, shape, input, Path.Combine(folder, "duck-out.json"), 1);
            for (var round = 0; round < rounds; round++)
            {
                var idle = RunEngine(startupApp);
                startup.Add(idle.Seconds);
                startupCpu.Add(idle.CpuSeconds);
                foreach (var (name, file) in new[] { (Engine, app), (Engine2, app2) })
                {
                    var run = RunEngine(file);
                    seconds[name].Add(run.Seconds);
                    cpu[name].Add(run.CpuSeconds);
                    rows[name] = CountLines(engineOut);
                }
                var handOut = Path.Combine(folder, "hand-out.jsonl");
                var hand = RunHand(scenario, shape, input, handOut);
                seconds[Hand].Add(hand.Seconds);
                handCpu.Add(hand.CpuSeconds);
                rows[Hand] = CountLines(handOut);
                foreach (var (name, threads) in new[] { (Duck1, 1), (Duck2, 2) })
                {
                    var duckOut = Path.Combine(folder, "duck-out.json");
                    seconds[name].Add(RunDuck(scenario, shape, input, duckOut, threads));
                    rows[name] = CountLines(duckOut);
                }
            }
            var startupMedian = Statistics.Median(startup);
            var engineSeconds = seconds[Engine].Select(s => Math.Max(s - startupMedian, 1e-3)).ToList();
            var engine2Seconds = seconds[Engine2].Select(s => Math.Max(s - startupMedian, 1e-3)).ToList();
            double Rate(IEnumerable<double> s) => records / Statistics.Median(s);
            double Ratio(List<double> numerator, List<double> denominator) => Statistics.Median(numerator.Zip(denominator, (n, d) => d / n));
            var toHand = Ratio(engineSeconds, seconds[Hand]);
            var toDuck = Ratio(engineSeconds, seconds[Duck1]);
            var toDuck2 = Ratio(engine2Seconds, seconds[Duck2]);
            var scaling = Ratio(engine2Seconds, engineSeconds);
            // On a busy machine the wall clock also counts waiting for a core: the same ratio on CPU time.
            var startupCpuMedian = Statistics.Median(startupCpu);
            var toHandCpu = Ratio([.. cpu[Engine].Select(c => Math.Max(c - startupCpuMedian, 1e-3))], handCpu);
            var allocated = AllocatedPerRecord(
                EngineApplication(scenario, shape, firstHalf, engineOut, threads: 2), File.ReadAllText(app2), records - records / 2, folder);
            var agree = rows.Values.Distinct().Count() == 1 ? $"{rows[Engine]:N0} each" : string.Join(", ", rows.Select(r => $"{r.Key} {r.Value:N0}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario} | {Format(Rate(engineSeconds))} | {Format(Rate(engine2Seconds))} | {Format(Rate(seconds[Hand]))} | {Format(Rate(seconds[Duck1]))} | {Format(Rate(seconds[Duck2]))} | {toHand:0.00} | {toHandCpu:0.00} | {toDuck:0.00} | {toDuck2:0.00} | {scaling:0.00} | {Statistics.Median(cpu[Engine]):0.00} / {Statistics.Median(cpu[Engine2]):0.00} | {allocated:0.0} | {agree} |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (engine start-up {startupMedian:0.00} s, {startupCpuMedian:0.00} CPU s, subtracted)"));
        }
    }

    private static string EngineApplication(string scenario, Shape shape, string input, string output, int threads) =>
        WholePathQueries.Application(scenario, "whole_path", shape.TimeField,
            $"'market_data.type' = 'file_source', 'market_data.path' = '{input}', 'out.type' = 'file_sink', 'out.path' = '{output}', 'execution.threads' = '{threads}'");

    /// <summary>
    /// Bytes allocated per record in steady state by <c>run</c> (two threads, the default), run in this
    /// process: what every thread allocates for the whole file less what it allocates for its first half,
    /// per record of the second half. Start-up, planning and the JIT count in both and cancel out.
    /// </summary>
    private static double AllocatedPerRecord(string firstHalfApp, string wholeApp, int secondHalfRecords, string folder)
    {
        var halfPath = Path.Combine(folder, "alloc-half.sql");
        var wholePath = Path.Combine(folder, "alloc-whole.sql");
        File.WriteAllText(halfPath, firstHalfApp);
        File.WriteAllText(wholePath, wholeApp);
        RunInProcess(halfPath); // warm-up: type loading, the JIT's own allocations, caches
        var half = RunInProcess(halfPath);
        var whole = RunInProcess(wholePath);
        return Math.Max(0, whole - half) / (double)secondHalfRecords;
    }

    private static long RunInProcess(string app)
    {
        var errors = new StringWriter();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var exit = RunCommand.Run([app], Stream.Null, TextWriter.Null, errors,
            ConnectorRegistry.CreateDefault(VelostreamTelemetry.Default), CancellationToken.None, new TelemetryJobObserver(VelostreamTelemetry.Default));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        if (exit != 0)
        {
            throw new InvalidOperationException($"engine run (in process) exited {exit}: {errors}");
        }
        return allocated;
    }

    private static (double Seconds, double CpuSeconds) RunEngine(string app)
    {
        var cpuBefore = ChildCpuClock.Now();
        using var process = EngineProcess.Start(app);
        process.WaitForSuccess();
        return (process.Clock.Elapsed.TotalSeconds, ChildCpuClock.Now() - cpuBefore);
    }

    private static (double Seconds, double CpuSeconds) RunHand(string scenario, Shape shape, string input, string output)
    {
        var cpuBefore = ThreadCpuClock.Now();
        var clock = Stopwatch.StartNew();
        var sink = new FileLineSink(output);
        using (var reader = new FileLineReader(input))
        {
            if (scenario == "S1")
            {
                new FilterBaseline(sink).Run(reader);
            }
            else
            {
                new TumblingAggregateBaseline(sink, ScenarioCatalog.WindowMs, ScenarioCatalog.MaxOutOfOrdernessMs, shape.TimeField).Run(reader);
            }
        }
        sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return (clock.Elapsed.TotalSeconds, ThreadCpuClock.Now() - cpuBefore);
    }

    private static double RunDuck(string scenario, Shape shape, string input, string output, int threads)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, $"SET threads TO {threads}");
        var source = $"read_json('{input}', format = 'newline_delimited', columns = {shape.DuckColumns})";
        var query = scenario == "S1"
            ? $"SELECT symbol, price, volume FROM {source} WHERE price > 200"
            : $"""
              SELECT symbol, {shape.TimeField} // 1000 * 1000 AS window_start,
                     avg(price) AS avg_price, min(price) AS min_price, max(price) AS max_price,
                     sum(volume) AS total_volume, count(*) AS trade_count,
                     arg_min(price, {shape.TimeField}) AS open_price, arg_max(price, {shape.TimeField}) AS close_price
              FROM {source}
              GROUP BY symbol, window_start
              """;
        var clock = Stopwatch.StartNew();
        Execute(connection, $"COPY ({query}) TO '{output}' (FORMAT json)");
        return clock.Elapsed.TotalSeconds;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long CountLines(string path)
    {
        long count = 0;
        using var reader = new FileLineReader(path);
        while (reader.TryRead(out _))
        {
            count++;
        }
        return count;
    }

    private static string Format(double perSecond) =>
        perSecond >= 1e6
            ? string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e6:0.00} M")
            : string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e3:0} K");
}
