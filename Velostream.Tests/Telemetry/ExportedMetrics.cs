using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Telemetry;
using Velostream.Tests.Otlp;
using Velostream.Tests.Otlp.Proto;

namespace Velostream.Tests.Telemetry;

/// <summary>
/// The engine's real metric names and labels, taken from an export rather than from a hand-kept list: runs
/// a tiny windowed job (good, undecodable and late records, a dead letter) through the engine with the
/// telemetry observer, in a host set up by <c>AddServiceDefaults()</c>, exports over OTLP/HTTP to the test's
/// receiver and returns every metric received, with its Prometheus spelling. The dashboard consistency
/// tests use this to check that every metric and label a PromQL expression names is produced.
/// </summary>
public static class ExportedMetrics
{
    public const string ServiceName = "velostream-engine";
    public const string ProbeJob = "metrics_probe";
    public const string JoinProbeJob = "join_probe";

    private static readonly Lazy<Task<IReadOnlyList<ExportedMetric>>> Collected = new(CollectOnceAsync);

    /// <summary>Every metric the engine's service exported (Velostream's, runtime, HTTP), once per test run.</summary>
    public static Task<IReadOnlyList<ExportedMetric>> CollectAsync() => Collected.Value;

    private static async Task<IReadOnlyList<ExportedMetric>> CollectOnceAsync()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "Velostream.Engine" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = ServiceName,
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=probe-1",
            // Metrics only: a listener on the process-wide ActivitySource would trace other tests' Kafka sinks.
            ["Velostream:Telemetry:Enabled"] = "false",
        });
        builder.AddServiceDefaults();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            RunProbeJob(VelostreamTelemetry.Default);
            await host.StopAsync();
        }

        return [.. receiver.Metrics
            .Where(m => m.ServiceName == ServiceName)
            .GroupBy(m => m.Name)
            .Select(g => Describe(g.Key, g.ToList()))
            .OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    private static void RunProbeJob(VelostreamTelemetry telemetry)
    {
        var metrics = telemetry.Metrics;
        var observer = new TelemetryJobObserver(telemetry);
        var query = InProcessQuery.Create(
            $"CREATE STREAM {ProbeJob} AS SELECT symbol, COUNT(*) AS n FROM market_data GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL"
            + $" WITH ('market_data.type' = 'file_source', 'market_data.path' = 'in.jsonl', '{ProbeJob}.type' = 'file_sink', '{ProbeJob}.path' = 'out.jsonl',"
            + " 'failure.strategy' = 'dead_letter', 'late.data.strategy' = 'dead_letter')",
            new JobOptions { Observer = observer, Log = TextWriter.Null, AppName = "probe" });
        var job = query.Executor.Job;
        observer.JobStarted(job);
        query.Push("market_data", Batch(
            """{"symbol":"AAPL","ts":1000}""",
            """{"symbol":"AAPL","ts":5000}""",
            """{"symbol":""",
            """{"symbol":"AAPL","ts":1500}"""));
        // What the job runner reports from its Kafka source (window state comes from the executor itself).
        metrics.TrackConsumerLag(job.Name, "market_data", () => 42);
        query.Finish();

        // An interval join, for the gauge of the rows it buffers.
        var join = InProcessQuery.Create(
            $"CREATE STREAM {JoinProbeJob} AS SELECT a.symbol FROM market_a a JOIN market_b b"
            + " ON a.symbol = b.symbol AND b.ts BETWEEN a.ts - INTERVAL '1' SECOND AND a.ts + INTERVAL '1' SECOND"
            + " WITH ('market_a.type' = 'file_source', 'market_a.path' = 'a.jsonl', 'market_b.type' = 'file_source', 'market_b.path' = 'b.jsonl',"
            + $" '{JoinProbeJob}.type' = 'file_sink', '{JoinProbeJob}.path' = 'out.jsonl')",
            new JobOptions { Observer = observer, Log = TextWriter.Null, AppName = "probe" });
        observer.JobStarted(join.Executor.Job);
        join.Push("market_a", Batch("""{"symbol":"AAPL","ts":1000}"""));
    }

    private static SourceBatch Batch(params string[] lines)
    {
        var batch = new SourceBatch(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            ref var record = ref batch.Add();
            record.Value = Encoding.UTF8.GetBytes(lines[i]);
            record.Topic = "market_data";
            record.Offset = i;
            record.TimestampMs = -1;
        }
        return batch;
    }

    private static ExportedMetric Describe(string name, List<ReceivedMetric> received)
    {
        var metric = received[0].Metric;
        var type = metric.DataCase switch
        {
            Metric.DataOneofCase.Sum when metric.Sum.IsMonotonic => ExportedMetricType.Counter,
            Metric.DataOneofCase.Sum => ExportedMetricType.UpDownCounter,
            Metric.DataOneofCase.Histogram => ExportedMetricType.Histogram,
            _ => ExportedMetricType.Gauge,
        };
        var keys = received.SelectMany(m => m.DataPointAttributes).SelectMany(a => a.Keys).ToHashSet(StringComparer.Ordinal);
        var labels = keys.Select(PrometheusNaming.Label).Append("job").Append("instance");
        if (type == ExportedMetricType.Histogram)
        {
            labels = labels.Append("le");
        }
        return new ExportedMetric(
            name,
            metric.Unit,
            type.ToString().ToLowerInvariant(),
            keys,
            PrometheusNaming.SeriesNames(name, metric.Unit, type),
            labels.ToHashSet(StringComparer.Ordinal));
    }
}
