using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Execution;
using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Kafka;
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
        var records = 200_000;
        var rounds = 3;
        if (!TracingArguments.TryParse(args, "tracing", output, ref records, ref rounds))
        {
            return 2;
        }
        return RunAsync(records, rounds, output).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int records, int rounds, TextWriter output)
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        // The mock broker keeps only a few megabytes per partition (older messages are truncated away):
        // enough partitions that the whole input stays readable.
        cluster.CreateTopic(InputTopic, partitions: Math.Max(1, records / 20_000));
        await ProduceInputAsync(cluster, records);
        await using var receiver = await CountingOtlpReceiver.StartAsync();

        var results = new List<TracingRunResult>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var mode in TracingMode.All)
            {
                var result = await RunModeAsync(cluster, receiver, mode, records, $"r{round}");
                output.WriteLine($"  round {round + 1} {mode.Name,-20} {result.RecordsPerSecond,10:N0} records/s {result.CpuMicrosPerRecord,6:N2} µs CPU/record  spans {result.SpansEnded,8:N0}  dropped {result.SpansDropped,7:N0}  export failures {result.ExportFailures,4}  warnings {result.Warnings}");
                results.Add(result);
            }
        }

        var baseline = Median(results.Where(r => r.Mode.Name == "off"));
        var normal100 = Median(results.Where(r => r.Mode.Name == "100%"));
        var baselineCpu = MedianCpu(results.Where(r => r.Mode.Name == "off"));
        var normal100Cpu = MedianCpu(results.Where(r => r.Mode.Name == "100%"));
        output.WriteLine();
        output.WriteLine($"Tracing overhead, S1 through the embedded broker, {records:N0} records, median of {rounds} rounds");
        output.WriteLine();
        output.WriteLine("| Mode | Records/s | vs off | CPU µs/record | vs off | Spans recorded | Spans dropped | Export failures | Warnings logged | Peak managed heap |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var mode in TracingMode.All)
        {
            var runs = results.Where(r => r.Mode == mode).ToList();
            var median = Median(runs);
            var cpu = MedianCpu(runs);
            var versusCpu = mode.Name == "100%, endpoint down"
                ? $"{(cpu / normal100Cpu - 1) * 100:+0.0;-0.0}% vs 100%"
                : $"{(cpu / baselineCpu - 1) * 100:+0.0;-0.0}%";
            var typical = runs.OrderBy(r => r.RecordsPerSecond).ElementAt(runs.Count / 2);
            var versus = mode.Name == "100%, endpoint down"
                ? $"{(median / normal100 - 1) * 100:+0.0;-0.0}% vs 100%"
                : $"{(median / baseline - 1) * 100:+0.0;-0.0}%";
            output.WriteLine($"| {mode.Name} | {median:N0} | {versus} | {cpu:N2} | {versusCpu} | {typical.SpansEnded:N0} | {runs.Max(r => r.SpansDropped):N0} | {runs.Max(r => r.ExportFailures):N0} | {runs.Max(r => r.Warnings)} | {runs.Max(r => r.PeakManagedBytes) / (1024 * 1024):N0} MiB |");
        }
        return 0;
    }

    private static double MedianCpu(IEnumerable<TracingRunResult> runs)
    {
        var sorted = runs.Select(r => r.CpuMicrosPerRecord).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static double Median(IEnumerable<TracingRunResult> runs)
    {
        var sorted = runs.Select(r => r.RecordsPerSecond).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<TracingRunResult> RunModeAsync(EmbeddedKafkaCluster cluster, CountingOtlpReceiver receiver, TracingMode mode, int records, string round)
    {
        var outputTopic = $"alerts_{round}_{mode.Name.Replace(' ', '_').Replace("%", "pct").Replace(",", "")}";
        cluster.CreateTopic(outputTopic, partitions: Math.Max(1, records / 20_000));
        GC.Collect();
        GC.WaitForPendingFinalizers();

        // Only when tracing is on: any listener on the source, even one that samples nothing, switches the
        // tracing path on.
        using var counter = mode.Enabled ? new SpanCounter() : null;
        var warnings = new WarningCounter();
        var host = mode.Enabled ? StartTelemetry(mode, receiver, warnings) : null;
        var requestsBefore = receiver.Requests;

        var consumer = new Dictionary<string, string>(EmbeddedKafkaCluster.ConsumerDefaults)
        {
            ["bootstrap.servers"] = cluster.BootstrapServers,
            ["group.id"] = $"bench-{outputTopic}",
            ["auto.offset.reset"] = "earliest",
        };
        var source = new KafkaSource(InputTopic, [InputTopic], consumer, "engine");
        var sink = new KafkaSink(outputTopic, outputTopic, new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers }, "engine");
        var executor = CompileS1(outputTopic, new OutputTarget(sink, PayloadFormat.Json), new TelemetryJobObserver(VelostreamTelemetry.Default));

        var batch = new SourceBatch(4096);
        long read = 0;
        long peak = 0;
        Stopwatch? clock = null;
        var cpuBefore = TimeSpan.Zero;
        var deadline = Stopwatch.StartNew();
        while (read < records)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"{mode.Name}: only {read:N0} of {records:N0} records arrived within 60 s");
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
            }
            read += batch.Count;
            executor.Process(0, batch);
            peak = Math.Max(peak, GC.GetTotalMemory(false));
        }
        await sink.FlushAsync(CancellationToken.None);
        clock!.Stop();
        // Process CPU time counts librdkafka's threads and the exporter's too, and not the time spent waiting
        // for a core, so it stays comparable on a busy machine where wall clock does not.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await source.CommitAsync(null, CancellationToken.None);
        await source.DisposeAsync();
        await sink.DisposeAsync();
        // Stopping the host flushes the exporters; the SDK reports dropped spans as it shuts down.
        host?.StopAsync().GetAwaiter().GetResult();
        host?.Dispose();

        return new TracingRunResult(mode, read, clock.Elapsed, cpu, counter?.Ended ?? 0, counter?.Dropped ?? 0,
            receiver.Requests - requestsBefore, counter?.ExportFailures ?? 0, peak, warnings.Count);
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
            ["Velostream:Telemetry:Enabled"] = "true",
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

    /// <summary>Pre-produces the input without trace headers, as an untraced producer would.</summary>
    private static async Task ProduceInputAsync(EmbeddedKafkaCluster cluster, int records)
    {
        using var untraced = new VelostreamTelemetry("Velostream.Benchmarks.Untraced", "Velostream.Benchmarks.Untraced");
        await using var sink = new KafkaSink(InputTopic, InputTopic, new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers }, "bench-feed", untraced);
        var random = new Random(7);
        for (var i = 0; i < records; i++)
        {
            // No key: the producer then spreads records evenly over the partitions.
            sink.Write([], TracingArguments.MarketData(i, random), null, 1_767_600_000_000L + i);
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
