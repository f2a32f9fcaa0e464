using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Velostream.Benchmarks.Harness;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.Runtime;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;
using Velostream.Engine.Telemetry;

namespace Velostream.Benchmarks.Tracing;

/// <summary>
/// Tracing overhead on S1 (<c>SELECT symbol, price, volume FROM market_data WHERE price > 200</c>) through
/// the embedded broker: consume → filter/project → produce, with tracing off, on but unsampled, 1%, 100%
/// exporting over OTLP/HTTP to a local receiver, and 100% with the OTLP endpoint unreachable. Telemetry is
/// set up by the real service defaults, as the engine's verbs do. Modes are interleaved over several rounds
/// and the median is reported, so drift on a shared machine hits every mode alike.
/// </summary>
internal static class TracingOverheadBenchmark
{
    private const string InputTopic = "market_data";

    public static int Run(string[] args, TextWriter output)
    {
        if (TracingArguments.TryParse(args, "tracing", output, new TracingOptions(200_000, 5, 1, TracedInput: false)) is not { } options)
        {
            return 2;
        }
        return RunAsync(options, output).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(TracingOptions options, TextWriter output)
    {
        var records = options.Records;
        using var cluster = EmbeddedKafkaCluster.Start();
        // Without trace context every mode reads the same input. With it, each mode reads input whose
        // contexts the producer sampled at the mode's ratio (the decision is the producer's; the engine
        // follows it), and the modes without tracing read unsampled contexts: the same bytes on the wire.
        var inputs = new Dictionary<TracingMode, string>();
        foreach (var mode in TracingMode.All)
        {
            var topic = options.TracedInput ? $"{InputTopic}_{mode.Slug}" : InputTopic;
            inputs[mode] = topic;
            if (options.TracedInput || mode == TracingMode.All[0])
            {
                // The mock broker keeps only 5 MB per partition (older messages are truncated away): enough
                // partitions that the whole input stays readable.
                cluster.CreateTopic(topic, partitions: Math.Max(1, records / 10_000));
                await ProduceInputAsync(cluster, topic, records, options.TracedInput ? mode.SamplingRatio : null);
            }
        }
        await using var receiver = await CountingOtlpReceiver.StartAsync();

        var results = new List<TracingRunResult>();
        for (var round = 0; round < options.WarmupRounds + options.Rounds; round++)
        {
            var warmup = round < options.WarmupRounds;
            foreach (var mode in TracingMode.All)
            {
                var result = await RunModeAsync(cluster, receiver, mode, inputs[mode], records, round);
                output.WriteLine($"  {(warmup ? "warm-up" : $"round {round - options.WarmupRounds + 1}")} {mode.Name,-24} {result.RecordsPerSecond,10:N0} records/s {result.EngineThreadMicrosPerRecord,6:N2} µs engine thread {result.CpuMicrosPerRecord,6:N2} µs process CPU/record  GC {result.GcPause.TotalMilliseconds,5:N1} ms ({result.Collections[0]}/{result.Collections[1]}/{result.Collections[2]})  spans {result.SpansEnded,8:N0}  dropped {result.SpansDropped,7:N0}  export failures {result.ExportFailures,4}  warnings {result.Warnings}");
                if (!warmup)
                {
                    results.Add(result);
                }
            }
        }

        output.WriteLine();
        var inputKind = options.TracedInput
            ? "input carrying the producer's trace context (sampled by the producer at the mode's ratio)"
            : "input without trace context (the engine starts the traces)";
        output.WriteLine($"Tracing overhead, S1 through the embedded broker, {inputKind}, {records:N0} records, median of {options.Rounds} rounds after {options.WarmupRounds} warm-up");
        output.WriteLine("(changes are medians of per-round ratios: each round runs every mode back to back)");
        output.WriteLine();
        output.WriteLine("| Mode | Records/s | vs off | vs tracing off | Engine thread CPU µs/record | vs off | vs tracing off | Process CPU µs/record | vs off | vs tracing off | GC pause µs/1,000 records (gen0/1/2 collections) | Spans recorded | Spans dropped | Export failures | Warnings logged | Peak managed heap |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var mode in TracingMode.All)
        {
            var runs = results.Where(r => r.Mode == mode).ToList();
            var typical = runs.OrderBy(r => r.RecordsPerSecond).ElementAt(runs.Count / 2);
            string Versus(Func<TracingRunResult, double> measure, string baseline) => mode.Name == TracingMode.EndpointDown
                ? baseline == TracingMode.Off ? Change(runs, results, TracingMode.Full, measure) + " vs 100%" : ""
                : Change(runs, results, baseline, measure);
            output.WriteLine(
                $"| {mode.Name} | {Median(runs, r => r.RecordsPerSecond):N0} | {Versus(r => r.RecordsPerSecond, TracingMode.Off)} | {Versus(r => r.RecordsPerSecond, TracingMode.MetricsOnly)} " +
                $"| {Median(runs, r => r.EngineThreadMicrosPerRecord):N2} | {Versus(r => r.EngineThreadMicrosPerRecord, TracingMode.Off)} | {Versus(r => r.EngineThreadMicrosPerRecord, TracingMode.MetricsOnly)} " +
                $"| {Median(runs, r => r.CpuMicrosPerRecord):N2} | {Versus(r => r.CpuMicrosPerRecord, TracingMode.Off)} | {Versus(r => r.CpuMicrosPerRecord, TracingMode.MetricsOnly)} " +
                $"| {Median(runs, r => r.GcPause.TotalMicroseconds * 1000 / r.Records):N1} ({Median(runs, r => r.Collections[0]):N0}/{Median(runs, r => r.Collections[1]):N0}/{Median(runs, r => r.Collections[2]):N0}) " +
                $"| {typical.SpansEnded:N0} | {runs.Max(r => r.SpansDropped):N0} | {runs.Max(r => r.ExportFailures):N0} | {runs.Max(r => r.Warnings)} | {runs.Max(r => r.PeakManagedBytes) / (1024 * 1024):N0} MiB |");
        }
        output.WriteLine();
        output.WriteLine($"Spread of \"off\" over the rounds (min–max): {Spread(results, TracingMode.Off, r => r.RecordsPerSecond, "N0")} records/s, " +
            $"{Spread(results, TracingMode.Off, r => r.EngineThreadMicrosPerRecord, "N2")} engine thread µs, {Spread(results, TracingMode.Off, r => r.CpuMicrosPerRecord, "N2")} process µs per record");
        return 0;
    }

    /// <summary>The median over rounds of <paramref name="runs"/>' measure divided by the same round's <paramref name="baseline"/> mode, as a change.</summary>
    private static string Change(List<TracingRunResult> runs, List<TracingRunResult> results, string baseline, Func<TracingRunResult, double> measure)
    {
        var ratios = runs
            .Select(r => measure(r) / measure(results.Single(b => b.Round == r.Round && b.Mode.Name == baseline)))
            .ToList();
        return Statistics.Change(Statistics.Median(ratios));
    }

    private static string Spread(List<TracingRunResult> results, string mode, Func<TracingRunResult, double> measure, string format)
    {
        var values = results.Where(r => r.Mode.Name == mode).Select(measure).ToList();
        return $"{values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)}";
    }

    private static double Median<T>(IEnumerable<T> items, Func<T, double> measure) => Statistics.Median(items.Select(measure));

    private static async Task<TracingRunResult> RunModeAsync(EmbeddedKafkaCluster cluster, CountingOtlpReceiver receiver, TracingMode mode, string inputTopic, int records, int round)
    {
        var outputTopic = $"alerts_r{round}_{mode.Slug}";
        cluster.CreateTopic(outputTopic, partitions: Math.Max(1, records / 20_000));
        GC.Collect();
        GC.WaitForPendingFinalizers();

        // Only when tracing is on: any listener on the source, even one that samples nothing, switches the
        // tracing path on.
        using var counter = mode.Traces ? new SpanCounter() : null;
        var warnings = new WarningCounter();
        var host = mode.RunsHost ? StartTelemetry(mode, receiver, warnings) : null;
        var requestsBefore = receiver.Requests;

        var consumer = new Dictionary<string, string>(EmbeddedKafkaCluster.ConsumerDefaults)
        {
            ["bootstrap.servers"] = cluster.BootstrapServers,
            ["group.id"] = $"bench-{outputTopic}",
            ["auto.offset.reset"] = "earliest",
        };
        var source = new KafkaSource(inputTopic, [inputTopic], consumer, "engine");
        var sink = new KafkaSink(outputTopic, outputTopic, new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers }, "engine", VelostreamTelemetry.Default);
        var executor = CompileS1(outputTopic, new OutputTarget(sink, PayloadFormat.Json), new TelemetryJobObserver(VelostreamTelemetry.Default));

        var batch = new SourceBatch(4096);
        long read = 0;
        long peak = 0;
        Stopwatch? clock = null;
        var cpuBefore = TimeSpan.Zero;
        var threadCpuBefore = 0.0;
        var gcPauseBefore = TimeSpan.Zero;
        int[] collectionsBefore = [0, 0, 0];
        var thread = Environment.CurrentManagedThreadId;
        var deadline = Stopwatch.StartNew();
        while (read < records)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"{mode.Name}: only {read:N0} of {records:N0} records arrived within 60 s (lag {source.Lag:N0}, last error {source.LastError})");
            }
            await source.ReadBatchAsync(batch, 4096, CancellationToken.None);
            if (batch.Count == 0)
            {
                continue;
            }
            // Timed from the first record: joining the consumer group is not the engine's work.
            if (clock is null)
            {
                clock = Stopwatch.StartNew();
                cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                threadCpuBefore = ThreadCpuClock.Now();
                gcPauseBefore = GC.GetTotalPauseDuration();
                collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
                thread = Environment.CurrentManagedThreadId;
            }
            read += batch.Count;
            executor.Process(0, batch);
            peak = Math.Max(peak, GC.GetTotalMemory(false));
        }
        // The loop never yields its thread (the source and the executor complete synchronously): the engine's
        // work ran on this one.
        var threadCpu = ThreadCpuClock.Now() - threadCpuBefore;
        if (Environment.CurrentManagedThreadId != thread)
        {
            threadCpu = double.NaN;
        }
        await sink.FlushAsync(CancellationToken.None);
        clock!.Stop();
        // Process CPU time counts librdkafka's threads and the exporter's too, and not the time spent waiting
        // for a core, so it stays comparable on a busy machine where wall clock does not.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var gcPause = GC.GetTotalPauseDuration() - gcPauseBefore;
        int[] collections = [GC.CollectionCount(0) - collectionsBefore[0], GC.CollectionCount(1) - collectionsBefore[1], GC.CollectionCount(2) - collectionsBefore[2]];
        await source.CommitAsync(null, CancellationToken.None);
        await source.DisposeAsync();
        await sink.DisposeAsync();
        // Stopping the host flushes the exporters; the SDK reports dropped spans as it shuts down.
        host?.StopAsync().GetAwaiter().GetResult();
        host?.Dispose();

        return new TracingRunResult(mode, round, read, clock.Elapsed, cpu, threadCpu, counter?.Ended ?? 0, counter?.Dropped ?? 0,
            receiver.Requests - requestsBefore, counter?.ExportFailures ?? 0, peak, warnings.Count, gcPause, collections);
    }

    /// <summary>S1 compiled into an executor writing to <paramref name="target"/>.</summary>
    internal static QueryExecutor CompileS1(string outputTopic, OutputTarget target, JobObserver? observer)
    {
        var check = SqlFrontEnd.Check(
            $"CREATE STREAM {outputTopic} AS SELECT symbol, price, volume FROM {InputTopic} WHERE price > 200"
            + $" WITH ('{InputTopic}.type' = 'kafka_source', '{InputTopic}.topic.name' = '{InputTopic}', '{outputTopic}.type' = 'kafka_sink', '{outputTopic}.topic.name' = '{outputTopic}')",
            "<bench>");
        if (!check.Succeeded)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, check.Diagnostics));
        }
        var compiled = SqlJobCompiler.Compile(check.Statements[0],
            new JobOptions { Observer = observer ?? JobObserver.None, Log = TextWriter.Null, AppName = "bench" },
            [SourceShape.Json], target, new JobStats());
        return compiled.Executor ?? throw new InvalidOperationException(compiled.Error);
    }

    internal static IHost StartTelemetry(TracingMode mode, CountingOtlpReceiver receiver, ILoggerProvider? warnings)
    {
        var endpoint = mode.ReachableEndpoint ? receiver.Endpoint.ToString() : $"http://127.0.0.1:{ClosedPort()}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "Velostream.Engine" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "velostream-engine",
            ["Velostream:Telemetry:Enabled"] = mode.Traces ? "true" : "false",
            ["Velostream:Telemetry:SamplingRatio"] = mode.SamplingRatio.ToString(CultureInfo.InvariantCulture),
        });
        builder.Logging.ClearProviders();
        if (warnings is not null)
        {
            builder.Logging.AddProvider(warnings);
        }
        builder.AddServiceDefaults();
        var host = builder.Build();
        host.Start();
        return host;
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Pre-produces the input: without trace headers, as an untraced producer would, or when
    /// <paramref name="tracedAt"/> is given with a traced producer's context sampled at that ratio.
    /// </summary>
    private static async Task ProduceInputAsync(EmbeddedKafkaCluster cluster, string topic, int records, double? tracedAt)
    {
        using var untraced = new VelostreamTelemetry("Velostream.Benchmarks.Untraced", "Velostream.Benchmarks.Untraced");
        // Every message to a random partition (not sticky batches), so that no partition outgrows what the
        // mock broker keeps.
        var properties = new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers, ["sticky.partitioning.linger.ms"] = "0" };
        await using var sink = new KafkaSink(topic, topic, properties, "bench-feed", untraced);
        var random = new Random(7);
        for (var i = 0; i < records; i++)
        {
            var headers = tracedAt is { } ratio ? TracingArguments.ProducerContext(random, ratio) : null;
            sink.Write([], TracingArguments.MarketData(i, random), headers, 1_767_600_000_000L + i);
        }
        await sink.FlushAsync(CancellationToken.None);
    }

    /// <summary>Counts warnings the telemetry pipeline logs (the unreachable-endpoint case must log exactly one).</summary>
    private sealed class WarningCounter : ILoggerProvider, ILogger
    {
        private int _count;

        public int Count => _count;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void Dispose()
        {
        }
    }
}
