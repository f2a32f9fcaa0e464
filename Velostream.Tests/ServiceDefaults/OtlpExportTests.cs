using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Telemetry;
using Velostream.ServiceDefaults;
using Velostream.Tests.Otlp;
using Velostream.Tests.Otlp.Proto;

namespace Velostream.Tests.ServiceDefaults;

/// <summary>
/// AddServiceDefaults() exporting for real, over the wire, to the OTLP receiver hosted by the test. Each
/// service runs as its own host (as each verb does in its own process), one after the other so that only
/// one MeterProvider listens to the shared Velostream meter at a time. Not run in parallel with other tests:
/// while these hosts listen to the process-wide Velostream source, every Kafka sink in the process would be
/// traced and add trace headers to other tests' messages.
/// </summary>
[Collection(nameof(ProcessWideTelemetry))]
public sealed class OtlpExportTests
{
    private static readonly string[] Services = ["trading-feed", "velostream-engine", "alert-monitor"];

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task Every_service_exports_spans_metrics_and_logs_under_its_service_name(string protocol)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var endpoint = protocol == "grpc" ? receiver.GrpcEndpoint : receiver.HttpEndpoint;
        var wireProtocol = protocol == "grpc" ? "grpc" : "http";
        var run = Guid.NewGuid().ToString("N")[..8];

        foreach (var service in Services)
        {
            await RunServiceAsync(service, run, new()
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
                ["OTEL_SERVICE_NAME"] = service,
                ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={service}-1",
            });
        }

        foreach (var service in Services)
        {
            var span = Assert.Single(receiver.Spans, s => s.Name == $"send {service}-{run}");
            Assert.Equal(service, span.ServiceName);
            Assert.Equal($"{service}-1", span.Resource["service.instance.id"]);
            Assert.Contains("service.version", span.Resource.Keys);
            Assert.Equal(Span.Types.SpanKind.Producer, span.Kind);
            Assert.Equal("Velostream", span.Scope);
            Assert.Equal(wireProtocol, span.Protocol);
            Assert.Equal("kafka", span.Attributes["messaging.system"]);

            var metric = Assert.Single(receiver.Metrics, m =>
                m.ServiceName == service && m.Name == "velostream.records.produced"
                && m.DataPointAttributes.Any(a => a.GetValueOrDefault("velostream.job.name") == $"job-{run}"));
            Assert.Equal("{record}", metric.Metric.Unit);
            Assert.True(metric.Metric.Sum.IsMonotonic);
            Assert.Equal(Otlp.Proto.AggregationTemporality.Cumulative, metric.Metric.Sum.AggregationTemporality);
            var point = Assert.Single(metric.Metric.Sum.DataPoints, p => OtlpAttributes.ToDictionary(p.Attributes)["velostream.job.name"] == $"job-{run}");
            Assert.Equal(5, point.AsInt);
            Assert.Equal(wireProtocol, metric.Protocol);

            Assert.Contains(receiver.Logs, l => l.ServiceName == service && l.Body == $"wire check {run} from {service}");
            Assert.Contains(receiver.Logs, l => l.ServiceName == service
                && l.Body.StartsWith($"Initializing OpenTelemetry with OTLP endpoint: {endpoint} ({protocol})", StringComparison.Ordinal));
            Assert.Contains(receiver.Logs, l => l.ServiceName == service
                && l.Body == $"Distributed tracing initialized for service {service} (instance {service}-1); sampling: parent-based, 100% of new traces (default)");
        }
    }

    [Fact]
    public async Task Traces_also_go_to_tempo_and_metrics_to_prometheus_when_configured()
    {
        await using var dashboard = await OtlpReceiver.StartAsync();
        await using var tempo = await OtlpReceiver.StartAsync();
        await using var prometheus = await OtlpReceiver.StartAsync();
        var run = Guid.NewGuid().ToString("N")[..8];

        await RunServiceAsync("velostream-engine", run, new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.GrpcEndpoint.ToString(),
            ["OTEL_SERVICE_NAME"] = "velostream-engine",
            ["VELOSTREAM_TEMPO_OTLP_ENDPOINT"] = tempo.GrpcEndpoint.ToString(),
            ["VELOSTREAM_PROMETHEUS_OTLP_ENDPOINT"] = prometheus.HttpEndpoint.ToString(),
        });

        Assert.Single(dashboard.Spans, s => s.Name == $"send velostream-engine-{run}");
        var tempoSpan = Assert.Single(tempo.Spans, s => s.Name == $"send velostream-engine-{run}");
        Assert.Equal("velostream-engine", tempoSpan.ServiceName);
        Assert.Empty(tempo.Metrics);
        Assert.Empty(tempo.Logs);

        Assert.Contains(dashboard.Metrics, m => m.Name == "velostream.records.produced");
        var promMetric = Assert.Single(prometheus.Metrics, m => m.Name == "velostream.records.produced"
            && m.DataPointAttributes.Any(a => a.GetValueOrDefault("velostream.job.name") == $"job-{run}"));
        Assert.Equal("http", promMetric.Protocol);
        Assert.Equal("velostream-engine", promMetric.ServiceName);
        Assert.Empty(prometheus.Spans);
        Assert.Empty(prometheus.Logs);

        Assert.Contains(dashboard.Logs, l => l.Body == $"Sending traces to Tempo at {tempo.GrpcEndpoint} (grpc)");
        Assert.Contains(dashboard.Logs, l => l.Body == $"Sending metrics to Prometheus at {new Uri(prometheus.HttpEndpoint, "/v1/metrics")} (http/protobuf) every 10000 ms");
    }

    [Fact]
    public async Task Processing_duration_exemplars_point_at_the_trace_of_the_record_measured()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "Velostream.Engine" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.GrpcEndpoint.ToString(),
            ["OTEL_SERVICE_NAME"] = "velostream-engine",
        });
        builder.AddServiceDefaults();
        var job = $"exemplar_{Guid.NewGuid():N}"[..20];
        using (var host = builder.Build())
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            var query = InProcessQuery.Create(
                $"CREATE STREAM {job} AS SELECT symbol FROM market_data WITH ('market_data.type' = 'file_source', 'market_data.path' = 'in.jsonl', '{job}.type' = 'file_sink', '{job}.path' = 'out.jsonl')",
                new JobOptions { Observer = new TelemetryJobObserver(VelostreamTelemetry.Default), Log = TextWriter.Null });
            query.Push("market_data", """{"symbol":"AAPL"}""");
            await host.StopAsync(TestContext.Current.CancellationToken);
        }

        var process = Assert.Single(receiver.Spans, s => s.Name == "process market_data" && s.ServiceName == "velostream-engine");
        var histogram = Assert.Single(receiver.Metrics, m => m.Name == "velostream.record.processing.duration"
            && m.DataPointAttributes.Any(a => a.GetValueOrDefault("velostream.job.name") == job));
        var point = Assert.Single(histogram.Metric.Histogram.DataPoints, p => OtlpAttributes.ToDictionary(p.Attributes)["velostream.job.name"] == job);
        Assert.Equal(1UL, point.Count);
        var exemplar = Assert.Single(point.Exemplars);
        Assert.Equal(process.TraceId, Convert.ToHexStringLower(exemplar.TraceId.Span));
        Assert.Equal(point.Sum, exemplar.AsDouble);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task An_unreachable_endpoint_is_counted_and_warned_about_once_per_signal_and_the_service_keeps_running(string protocol)
    {
        var closedPort = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closedPort.Start();
        var port = ((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();
        var logs = new CollectingLoggerProvider();

        // Three export rounds, each failing for traces, metrics and logs.
        var drops = await RunServiceAsync("velostream-engine", Guid.NewGuid().ToString("N")[..8], new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "1000",
            ["OTEL_SERVICE_NAME"] = "velostream-engine",
        }, logs, rounds: 3);

        // One span per round, every one of them lost because the receiver is down, none to a full queue.
        Assert.Equal(3, drops.Dropped(TelemetryDrops.Traces, TelemetryDrops.ExportFailed));
        Assert.Equal(0, drops.Dropped(TelemetryDrops.Traces, TelemetryDrops.QueueFull));
        Assert.True(drops.Dropped(TelemetryDrops.Metrics, TelemetryDrops.ExportFailed) > 0);
        Assert.True(drops.Dropped(TelemetryDrops.Logs, TelemetryDrops.ExportFailed) > 0);

        var warnings = logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToList();
        // Rate-limited: one warning per signal, whatever the number of failed exports.
        Assert.Equal(3, warnings.Count);
        var traces = Assert.Single(warnings, w => w.StartsWith("Telemetry dropped: traces: ", StringComparison.Ordinal));
        Assert.Contains($"(exporting to http://127.0.0.1:{port}/", traces, StringComparison.Ordinal);
        Assert.Contains($"Connection refused (127.0.0.1:{port})", traces, StringComparison.Ordinal);
        Assert.Single(warnings, w => w.StartsWith("Telemetry dropped: metrics: ", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.StartsWith("Telemetry dropped: logs: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spans_a_full_queue_turns_away_are_counted_exactly_exported_and_warned_about()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var logs = new CollectingLoggerProvider();
        var run = Guid.NewGuid().ToString("N")[..8];

        // A queue of 16 spans and a thousand spans ended at once: the processor must turn most of them away.
        var drops = await RunServiceAsync("velostream-engine", run, new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.GrpcEndpoint.ToString(),
            ["OTEL_SERVICE_NAME"] = "velostream-engine",
            ["OTEL_BSP_MAX_QUEUE_SIZE"] = "16",
            ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] = "16",
        }, logs, spansPerRound: 1000);

        var dropped = drops.Dropped(TelemetryDrops.Traces, TelemetryDrops.QueueFull);
        var arrived = receiver.Spans.Count(s => s.Name == $"send velostream-engine-{run}");
        Assert.True(dropped > 0, "nothing was dropped: the queue did not fill");
        // Every span either arrived or is counted: the counter explains each gap exactly.
        Assert.Equal(1000, arrived + dropped);
        Assert.Equal(0, drops.Dropped(TelemetryDrops.Traces, TelemetryDrops.ExportFailed));

        var exported = receiver.Metrics.Where(m => m.Name == TelemetryDrops.DroppedName && m.ServiceName == "velostream-engine").Last();
        Assert.Equal("{item}", exported.Metric.Unit);
        Assert.True(exported.Metric.Sum.IsMonotonic);
        var point = Assert.Single(exported.Metric.Sum.DataPoints, p =>
            OtlpAttributes.ToDictionary(p.Attributes) is var a && a["signal"] == "traces" && a["reason"] == "queue_full");
        Assert.Equal(dropped, point.AsInt);

        var warning = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning).Message;
        Assert.StartsWith("Telemetry dropped: traces: ", warning, StringComparison.Ordinal);
        Assert.Contains(" queue_full. Cause: the export queue was full", warning, StringComparison.Ordinal);
    }

    /// <summary>Starts a host with the service defaults, emits one span, one counter and one log line, and shuts down (which flushes).</summary>
    /// <returns>The service's drop counts, read after it stopped.</returns>
    private static async Task<TelemetryDrops> RunServiceAsync(string service, string run, Dictionary<string, string?> configuration, ILoggerProvider? logs = null, int rounds = 1, int spansPerRound = 1)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // No environment variables of the machine running the tests: only what the test sets.
            DisableDefaults = true,
            ApplicationName = "Velostream.Engine",
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }
        builder.AddServiceDefaults();
        using var host = builder.Build();
        await host.StartAsync();

        var telemetry = VelostreamTelemetry.Default;
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < spansPerRound; i++)
            {
                RecordHeaders? headers = null;
                using (telemetry.Tracer.StartSend($"{service}-{run}", "AAPL"u8, ref headers))
                {
                }
            }
            telemetry.Metrics.RecordsProduced($"job-{run}", "price_alerts", 5);
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Velostream.Test").LogInformation("wire check {Run} from {Service}", run, service);
            if (rounds > 1)
            {
                host.Services.GetRequiredService<TracerProvider>().ForceFlush();
                host.Services.GetRequiredService<MeterProvider>().ForceFlush();
            }
        }

        await host.StopAsync();
        return host.Services.GetRequiredService<TelemetryDrops>();
    }
}
