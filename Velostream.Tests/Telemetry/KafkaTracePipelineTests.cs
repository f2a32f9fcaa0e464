using System.Diagnostics;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Demo.Feed;
using Velostream.Engine.Demo.Tail;
using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Jobs;
using Velostream.Engine.Telemetry;

namespace Velostream.Tests.Telemetry;

/// <summary>
/// The trading pipeline on the embedded broker with real clients: the feed produces market data, the engine
/// consumes it through the Kafka source, runs a SQL job and produces alerts through the Kafka sink, and the
/// tail consumes them. Trace context crosses the broker in the message headers only. Each service has its
/// own TracerProvider and resource (see <see cref="TracedService"/>).
/// </summary>
public sealed class KafkaTracePipelineTests
{
    private const int Records = 20;

    [Fact]
    public async Task Feed_engine_and_tail_form_one_trace_per_record_across_the_broker()
    {
        using var feed = new TracedService("trading-feed");
        using var engine = new TracedService("velostream-engine");
        using var monitor = new TracedService("alert-monitor");
        using var cluster = EmbeddedKafkaCluster.Start();
        cluster.CreateTopic(TradingTopics.MarketData);
        cluster.CreateTopic("price_alerts");
        var cancel = TestContext.Current.CancellationToken;

        await new TradingFeed(
            new FeedOptions { Rate = 10_000, Count = Records, Topics = [TradingTopics.MarketData] },
            new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers },
            feed.Telemetry).RunAsync(cancel);

        await RunEngineAsync(cluster, engine, cancel);

        var tail = new TopicTail(
            new TailOptions { Topics = ["price_alerts"], FromBeginning = true, Format = TailFormat.Json, Count = Records, Group = "alert-monitor" },
            cluster.BootstrapServers, monitor.Telemetry, EmbeddedKafkaCluster.ConsumerDefaults);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await tail.RunAsync(new RecordPrinter(TailFormat.Json, TextWriter.Null), timeout.Token);
        }
        Assert.Equal(Records, tail.Printed);

        var feedSends = feed.Spans;
        var engineSpans = engine.Spans;
        var monitorSpans = monitor.Spans;
        Assert.Equal(Records, feedSends.Count);
        Assert.Equal(Records, monitorSpans.Count);
        foreach (var feedSend in feedSends)
        {
            Assert.Equal(("send market_data", ActivityKind.Producer), (feedSend.DisplayName, feedSend.Kind));
            var trace = engineSpans.Where(s => s.TraceId == feedSend.TraceId).ToList();
            var process = Assert.Single(trace, s => s.DisplayName == "process market_data");
            var query = Assert.Single(trace, s => s.DisplayName == "sql_query:SELECT");
            var send = Assert.Single(trace, s => s.DisplayName == "send price_alerts");
            var tailProcess = Assert.Single(monitorSpans, s => s.TraceId == feedSend.TraceId);

            Assert.Equal((ActivityKind.Consumer, feedSend.SpanId), (process.Kind, process.ParentSpanId));
            Assert.Equal([feedSend.SpanId], process.Links.Select(l => l.Context.SpanId));
            Assert.Equal(process.SpanId, query.ParentSpanId);
            Assert.Equal((ActivityKind.Producer, query.SpanId), (send.Kind, send.ParentSpanId));
            Assert.Equal(("process price_alerts", ActivityKind.Consumer, send.SpanId), (tailProcess.DisplayName, tailProcess.Kind, tailProcess.ParentSpanId));
            Assert.Equal([send.SpanId], tailProcess.Links.Select(l => l.Context.SpanId));
            Assert.Equal("alert-monitor", tailProcess.GetTagItem("messaging.consumer.group.name"));
            // The engine's consumer span says which job read the record, through which consumer group.
            Assert.Equal("velostream-engine", process.GetTagItem("messaging.consumer.group.name"));
            Assert.Equal("price_alerts", process.GetTagItem("velostream.job.name"));
            Assert.Equal(process.GetTagItem("messaging.kafka.message.key"), send.GetTagItem("messaging.kafka.message.key"));
        }
        // Batch spans belong to the traces of the records they carried: none starts a trace of its own.
        var feedTraces = feedSends.Select(s => s.TraceId).ToHashSet();
        var ingestions = engineSpans.Where(s => s.DisplayName == RecordTracer.IngestionSpanName).ToList();
        Assert.NotEmpty(ingestions);
        Assert.All(ingestions, s => Assert.Contains(s.TraceId, feedTraces));
        Assert.All(ingestions, s => Assert.Equal(s.ParentSpanId, s.Links.First().Context.SpanId));

        var spans = new[] { feed, engine, monitor }.SelectMany(service => service.Spans.Select(s => TracePipelineTests.ToGraphSpan(service.ServiceName, s)));
        Assert.Equal(
            new HashSet<ServiceGraphEdge>
            {
                new("trading-feed", "velostream-engine", "messaging_system"),
                new("velostream-engine", "alert-monitor", "messaging_system"),
            },
            TempoServiceGraph.Edges(spans));
    }

    /// <summary>The engine's side: Kafka source → SQL job with the telemetry observer → Kafka sink.</summary>
    private static async Task RunEngineAsync(EmbeddedKafkaCluster cluster, TracedService engine, CancellationToken cancel)
    {
        var consumer = new Dictionary<string, string>(EmbeddedKafkaCluster.ConsumerDefaults)
        {
            ["bootstrap.servers"] = cluster.BootstrapServers,
            ["group.id"] = "velostream-engine",
            ["auto.offset.reset"] = "earliest",
        };
        await using var source = new KafkaSource("market_data", [TradingTopics.MarketData], consumer, "engine");
        await using var sink = new KafkaSink("price_alerts", "price_alerts", new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers }, "engine", engine.Telemetry);
        var check = Velostream.Engine.Sql.SqlFrontEnd.Check(
            "CREATE STREAM price_alerts AS SELECT symbol, price FROM market_data WHERE price > 0"
            + " WITH ('market_data.type' = 'kafka_source', 'market_data.topic.name' = 'market_data', 'price_alerts.type' = 'kafka_sink', 'price_alerts.topic.name' = 'price_alerts')",
            "<test>");
        Assert.True(check.Succeeded, string.Join("\n", check.Diagnostics));
        var compiled = SqlJobCompiler.Compile(check.Statements[0],
            new JobOptions { Observer = new TelemetryJobObserver(engine.Telemetry), Log = TextWriter.Null, AppName = "trading" },
            [SourceShape.Json], new OutputTarget(sink, PayloadFormat.Json), new JobStats());
        Assert.True(compiled.Succeeded, compiled.Error);

        var batch = new SourceBatch(64);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var read = 0;
        while (read < Records && DateTime.UtcNow < deadline)
        {
            await source.ReadBatchAsync(batch, 64, cancel);
            read += batch.Count;
            if (batch.Count > 0)
            {
                compiled.Executor!.Process(0, batch);
            }
        }
        Assert.Equal(Records, read);
        await sink.FlushAsync(cancel);
        await source.CommitAsync(null, cancel);
    }
}
