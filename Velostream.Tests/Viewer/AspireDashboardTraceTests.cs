using Velostream.Tests.Monitoring;
using Velostream.Tests.Otlp;

namespace Velostream.Tests.Viewer;

/// <summary>
/// The trading pipeline as a user runs it, seen in a trace viewer nobody here wrote: the standalone Aspire
/// dashboard receives from <c>feed</c> (OTLP/HTTP), <c>serve apps/trading.sql --embedded-kafka</c> and
/// <c>tail</c> (OTLP/gRPC), each its own process at 100% sampling, and the test reads the traces back through
/// the dashboard's telemetry API. Bounded: a few hundred records, every wait with a deadline.
/// </summary>
public sealed class AspireDashboardTraceTests
{
    private const int Records = 300;
    private const int Rate = 150;
    private static readonly string[] MarketDataJobs = ["ohlc_1s", "price_alerts", "volume_spikes"];
    private static readonly string[] OutputTopics = ["ohlc_1s", "price_alerts", "volume_spikes"];

    [Fact]
    public async Task Every_sampled_record_is_one_whole_trace_in_the_aspire_dashboard_and_engine_metrics_keep_arriving()
    {
        if (AspireDashboard.Executable(out var why) is not { } executable)
        {
            Assert.Skip($"No Aspire dashboard here: {why}.");
            return;
        }
        var cancel = TestContext.Current.CancellationToken;
        var work = Directory.CreateTempSubdirectory("velostream-viewer-");
        // Engine metrics also go to a receiver in the test: the dashboard's API serves traces and logs, not
        // metric values, so this is where their arrival over time is checked.
        await using var metrics = await OtlpReceiver.StartAsync();
        using var dashboard = await AspireDashboard.StartAsync(executable, work.FullName, cancel);
        var engineDll = Path.Combine(AppContext.BaseDirectory, "Velostream.Engine.dll");
        var trading = Path.Combine(MonitoringFiles.RepositoryRoot, "Velostream.Engine", "apps", "trading.sql");
        var processes = new List<ChildProcess> { dashboard.Process };
        try
        {
            var serve = Verb("velostream-engine", dashboard.GrpcEndpoint, "grpc",
                ["serve", trading, "--embedded-kafka", "--urls", "http://127.0.0.1:0"],
                new() { ["VELOSTREAM_PROMETHEUS_OTLP_ENDPOINT"] = metrics.HttpEndpoint.ToString(), ["Velostream__Telemetry__PrometheusExportIntervalMs"] = "1000" });
            processes.Add(serve);
            var brokerLine = await serve.WaitForLineAsync("ConnectionStrings__kafka=", TimeSpan.FromSeconds(60), cancel);
            var bootstrap = brokerLine[(brokerLine.LastIndexOf('=') + 1)..].Trim();
            await serve.WaitForLineAsync("Application started", TimeSpan.FromSeconds(60), cancel);

            var tail = Verb("alert-monitor", dashboard.GrpcEndpoint, "grpc",
                ["tail", .. OutputTopics, "--bootstrap-servers", bootstrap, "--format", "json", "--from-beginning"], []);
            processes.Add(tail);
            var feed = Verb("trading-feed", dashboard.HttpEndpoint, "http/protobuf",
                ["feed", "--bootstrap-servers", bootstrap, "--topics", "market_data", "--count", Records.ToString(System.Globalization.CultureInfo.InvariantCulture), "--rate", Rate.ToString(System.Globalization.CultureInfo.InvariantCulture)], []);
            processes.Add(feed);
            var started = DateTime.UtcNow;

            // Wait until every record's trace is whole, or the deadline: then the assertions say what is missing.
            IReadOnlyList<ViewerSpan> spans = [];
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                await Task.Delay(2_000, cancel);
                spans = await dashboard.SpansAsync(["trading-feed", "velostream-engine", "alert-monitor"], 100_000, cancel);
                if (feed.HasExited && Problems(spans).Count == 0 && spans.Count(s => s.Name == "send market_data") == Records)
                {
                    break;
                }
            }
            var elapsed = DateTime.UtcNow - started;

            var feedSends = spans.Where(s => s.Service == "trading-feed" && s.Name == "send market_data").ToList();
            Assert.True(feedSends.Count == Records, $"{feedSends.Count} of {Records} feed spans reached the dashboard{Outputs(processes)}");
            var problems = Problems(spans);
            Assert.True(problems.Count == 0, $"{problems.Count} incomplete traces after {elapsed.TotalSeconds:0} s, e.g.:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Take(10))}{Outputs(processes)}");
            // The windows and the filter produced results, and each was read by the monitor in the same trace.
            Assert.Contains(spans, s => s.Service == "alert-monitor" && s.Name == "process ohlc_1s");
            // The trace list holds the records' traces and nothing else: no engine or monitor span starts one
            // (batch spans included).
            Assert.Empty(spans.Where(s => s.Service != "trading-feed" && s.ParentSpanId.Length == 0).Select(s => s.ToString()));
            Assert.Contains(spans, s => s.Name == "data_ingestion");

            // Nothing was dropped on the way, by any of the three services (each would have said so).
            Assert.Empty(processes.SelectMany(p => p.Lines.Where(l => l.Contains("Telemetry dropped", StringComparison.Ordinal)).Select(l => $"{p.Name}: {l}")));

            // Engine metrics: at the dashboard, and at every export interval while the pipeline ran.
            var services = await dashboard.ServicesWithMetricsAsync(cancel);
            Assert.True(services.GetValueOrDefault("velostream-engine"), $"no engine metrics at the dashboard: {string.Join(", ", services)}");
            // The pipeline keeps running (idle once the feed is done): give it a few intervals, bounded.
            var metricDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (EngineExports(metrics).Count < 8 && DateTime.UtcNow < metricDeadline)
            {
                await Task.Delay(500, cancel);
            }
            elapsed = DateTime.UtcNow - started;
            var exports = EngineExports(metrics);
            var gaps = exports.Zip(exports.Skip(1), (a, b) => TimeSpan.FromTicks((long)(b - a) / 100)).ToList();
            Assert.True(exports.Count >= 8, $"only {exports.Count} engine metric exports in {elapsed.TotalSeconds:0} s");
            Assert.True(gaps.Max() < TimeSpan.FromSeconds(5), $"engine metrics stopped for {gaps.Max().TotalSeconds:0.0} s (export interval 1 s)");
        }
        finally
        {
            foreach (var process in Enumerable.Reverse(processes))
            {
                process.Dispose();
            }
            work.Delete(recursive: true);
        }

        ChildProcess Verb(string service, Uri endpoint, string protocol, string[] arguments, Dictionary<string, string> extra)
        {
            var environment = new Dictionary<string, string>(extra)
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
                ["OTEL_SERVICE_NAME"] = service,
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
                ["Velostream__Telemetry__SamplingRatio"] = "1",
            };
            return ChildProcess.Start(service, "dotnet", [engineDll, .. arguments], environment, work.FullName);
        }
    }

    /// <summary>
    /// What keeps each feed trace from being whole: per record, the engine's <c>process market_data</c> span of
    /// each job reading the topic (a child of the feed's <c>send</c>, carrying its job and consumer group) with
    /// its <c>sql_query:*</c> child; per engine output sent, the monitor's <c>process</c> span as its child.
    /// </summary>
    private static List<string> Problems(IReadOnlyList<ViewerSpan> spans)
    {
        var problems = new List<string>();
        var children = spans.Where(s => s.ParentSpanId.Length > 0).ToLookup(s => (s.TraceId, s.ParentSpanId));
        foreach (var send in spans.Where(s => s.Service == "trading-feed" && s.Name == "send market_data"))
        {
            var processes = children[(send.TraceId, send.SpanId)].Where(s => s.Service == "velostream-engine" && s.Name == "process market_data").ToList();
            foreach (var job in MarketDataJobs)
            {
                var process = processes.SingleOrDefault(p => p.Attributes.GetValueOrDefault("velostream.job.name") == job);
                if (process is null)
                {
                    problems.Add($"trace {send.TraceId}: no engine 'process market_data' span of job {job} under {send}");
                    continue;
                }
                if (process.Kind != ViewerSpan.Consumer || process.Attributes.GetValueOrDefault("messaging.consumer.group.name") is not { Length: > 0 })
                {
                    problems.Add($"trace {send.TraceId}: {process} is not a consumer span with a consumer group");
                }
                if (!children[(send.TraceId, process.SpanId)].Any(s => s.Name.StartsWith("sql_query:", StringComparison.Ordinal)))
                {
                    problems.Add($"trace {send.TraceId}: no sql_query span under {process}");
                }
            }
        }
        foreach (var output in spans.Where(s => s.Service == "velostream-engine" && s.Kind == ViewerSpan.Producer))
        {
            var topic = output.Name["send ".Length..];
            if (!children[(output.TraceId, output.SpanId)].Any(s => s.Service == "alert-monitor" && s.Name == $"process {topic}" && s.Kind == ViewerSpan.Consumer))
            {
                problems.Add($"trace {output.TraceId}: no alert-monitor 'process {topic}' span under {output}");
            }
        }
        return problems;
    }

    /// <summary>When each export of the engine's consumed-records counter was collected, in order.</summary>
    private static List<ulong> EngineExports(OtlpReceiver metrics) =>
        [.. metrics.Metrics.Where(m => m.ServiceName == "velostream-engine" && m.Name == "velostream.records.consumed")
            .Select(m => m.Metric.Sum.DataPoints.Max(p => p.TimeUnixNano)).Distinct().Order()];

    private static string Outputs(IEnumerable<ChildProcess> processes) =>
        string.Concat(processes.Select(p => $"{Environment.NewLine}--- {p.Name} (last lines){Environment.NewLine}{p.Tail(15)}"));
}
