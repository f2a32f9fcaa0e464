using System.Diagnostics;
using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Telemetry;

namespace Velostream.Tests.Telemetry;

/// <summary>
/// The span model across three services (feed → engine → monitor), each with its own TracerProvider and
/// resource. The engine is the real query executor with <see cref="TelemetryJobObserver"/>; messages pass
/// between the services as Kafka carries them (value, key, headers), and each output is sent the way the
/// Kafka sink sends it. The embedded-broker version of this pipeline is in KafkaTracePipelineTests.
/// </summary>
public sealed class TracePipelineTests
{
    private const string Query = "CREATE STREAM price_alerts AS SELECT symbol, price FROM market_data WHERE price > 200";
    private const string With = " WITH ('market_data.type' = 'file_source', 'market_data.path' = 'in.jsonl', 'price_alerts.type' = 'file_sink', 'price_alerts.path' = 'out.jsonl')";

    [Fact]
    public void A_record_is_one_trace_from_feed_through_engine_to_monitor()
    {
        using var feed = new TracedService("trading-feed");
        using var engine = new TracedService("velostream-engine");
        using var monitor = new TracedService("alert-monitor");

        var marketData = Feed(feed, "market_data", ["AAPL", "MSFT"]);
        var alerts = RunStatelessJob(engine, marketData, "price_alerts");
        Consume(monitor, alerts, "alert-monitor");
        Assert.Equal(2, alerts.Count);

        var feedSends = feed.Spans;
        var engineSpans = engine.Spans;
        var monitorSpans = monitor.Spans;
        Assert.Equal(["send market_data", "send market_data"], feedSends.Select(s => s.DisplayName));
        Assert.All(feedSends, s => Assert.Equal(ActivityKind.Producer, s.Kind));

        for (var i = 0; i < 2; i++)
        {
            var feedSend = feedSends[i];
            var traceId = feedSend.TraceId;
            var engineTrace = engineSpans.Where(s => s.TraceId == traceId && s.DisplayName != RecordTracer.IngestionSpanName).ToList();
            var process = Assert.Single(engineTrace, s => s.DisplayName == "process market_data");
            var query = Assert.Single(engineTrace, s => s.DisplayName == "sql_query:SELECT");
            var engineSend = Assert.Single(engineTrace, s => s.DisplayName == "send price_alerts");
            var monitorProcess = Assert.Single(monitorSpans, s => s.TraceId == traceId);

            // The consumer span is a child of the upstream producer span (Tempo's service graph pairs them)
            // and also links to it (the messaging conventions).
            Assert.Equal(ActivityKind.Consumer, process.Kind);
            Assert.Equal(feedSend.SpanId, process.ParentSpanId);
            Assert.Equal([feedSend.SpanId], process.Links.Select(l => l.Context.SpanId));
            Assert.Equal(process.SpanId, query.ParentSpanId);
            Assert.Equal(ActivityKind.Internal, query.Kind);
            Assert.Equal(query.SpanId, engineSend.ParentSpanId);
            Assert.Equal(ActivityKind.Producer, engineSend.Kind);
            Assert.Equal("process price_alerts", monitorProcess.DisplayName);
            Assert.Equal(ActivityKind.Consumer, monitorProcess.Kind);
            Assert.Equal(engineSend.SpanId, monitorProcess.ParentSpanId);
            Assert.Equal([engineSend.SpanId], monitorProcess.Links.Select(l => l.Context.SpanId));

            Assert.Equal(
                new Dictionary<string, object?>
                {
                    ["messaging.system"] = "kafka",
                    ["messaging.destination.name"] = "market_data",
                    ["messaging.operation.type"] = "process",
                    ["messaging.operation.name"] = "process",
                    ["messaging.destination.partition.id"] = "0",
                    ["messaging.kafka.offset"] = (long)i,
                    ["velostream.job.name"] = "price_alerts",
                    ["messaging.kafka.message.key"] = i == 0 ? "AAPL" : "MSFT",
                },
                process.TagObjects.ToDictionary());
            Assert.Equal(
                new Dictionary<string, object?>
                {
                    ["db.system.name"] = "velostream",
                    ["db.operation.name"] = "SELECT",
                    ["db.query.text"] = Query,
                    ["velostream.job.name"] = "price_alerts",
                    ["velostream.app.name"] = "trading",
                    ["velostream.records.in"] = 1L,
                    ["velostream.records.out"] = 1L,
                },
                query.TagObjects.ToDictionary());
            Assert.Equal(
                new Dictionary<string, object?>
                {
                    ["messaging.system"] = "kafka",
                    ["messaging.destination.name"] = "price_alerts",
                    ["messaging.operation.type"] = "send",
                    ["messaging.operation.name"] = "send",
                    ["messaging.kafka.message.key"] = i == 0 ? "AAPL" : "MSFT",
                },
                engineSend.TagObjects.ToDictionary());
        }

        // The batch's span belongs to its records' traces: a child of the first record's producer span, linked
        // to both, never a trace of its own.
        var ingestion = Assert.Single(engineSpans, s => s.DisplayName == RecordTracer.IngestionSpanName);
        Assert.Equal((feedSends[0].TraceId, feedSends[0].SpanId), (ingestion.TraceId, ingestion.ParentSpanId));
        Assert.Equal(feedSends.Select(s => s.SpanId), ingestion.Links.Select(l => l.Context.SpanId));
        Assert.Equal(2, ingestion.GetTagItem("messaging.batch.message_count"));
        Assert.Equal(2, ingestion.GetTagItem("velostream.sampled_records"));
        Assert.Equal("market_data", ingestion.GetTagItem("messaging.destination.name"));
        Assert.Equal("price_alerts", ingestion.GetTagItem("velostream.job.name"));
    }

    [Fact]
    public void A_batch_of_unsampled_records_records_no_ingestion_span()
    {
        using var feed = new TracedService("trading-feed", samplingRatio: 0.0);
        using var engine = new TracedService("velostream-engine");

        var marketData = Feed(feed, "market_data", ["AAPL", "MSFT", "NVDA"]);
        var alerts = RunStatelessJob(engine, marketData, "price_alerts");

        // Every record arrived saying "not sampled": the engine records nothing at all, batch included.
        Assert.Equal(3, alerts.Count);
        Assert.Empty(feed.Spans);
        Assert.Empty(engine.Spans);
    }

    [Fact]
    public void An_ingestion_span_links_to_a_bounded_number_of_the_sampled_records_in_its_batch()
    {
        using var sampledFeed = new TracedService("trading-feed");
        using var unsampledFeed = new TracedService("trading-feed", samplingRatio: 0.0);
        using var engine = new TracedService("velostream-engine", maxLinks: 4);
        var symbols = Enumerable.Range(0, 10).Select(i => $"S{i}").ToList();
        var unsampled = Feed(unsampledFeed, "market_data", symbols);
        var sampled = Feed(sampledFeed, "market_data", symbols);
        // Unsampled records first: the span still follows the first sampled one.
        List<SourceRecord> batch = [.. unsampled, .. sampled];

        RunStatelessJob(engine, batch, "price_alerts");

        var ingestion = Assert.Single(engine.Spans, s => s.DisplayName == RecordTracer.IngestionSpanName);
        var feedSends = sampledFeed.Spans;
        Assert.Equal((feedSends[0].TraceId, feedSends[0].SpanId), (ingestion.TraceId, ingestion.ParentSpanId));
        Assert.Equal(feedSends.Take(4).Select(s => s.SpanId), ingestion.Links.Select(l => l.Context.SpanId));
        Assert.Equal(20, ingestion.GetTagItem("messaging.batch.message_count"));
        Assert.Equal(10, ingestion.GetTagItem("velostream.sampled_records"));
        Assert.Equal(4, ingestion.GetTagItem("velostream.linked_records"));
        Assert.Equal(10, engine.Spans.Count(s => s.DisplayName == "process market_data"));
    }

    [Fact]
    public void Tempo_service_graph_pairs_feed_to_engine_and_engine_to_monitor_as_messaging_edges()
    {
        using var feed = new TracedService("trading-feed");
        using var engine = new TracedService("velostream-engine");
        using var monitor = new TracedService("alert-monitor");

        Consume(monitor, RunStatelessJob(engine, Feed(feed, "market_data", ["AAPL"]), "price_alerts"), "alert-monitor");

        var spans = new[] { feed, engine, monitor }.SelectMany(service => service.Spans.Select(s => ToGraphSpan(service.ServiceName, s)));
        Assert.Equal(
            new HashSet<ServiceGraphEdge>
            {
                new("trading-feed", "velostream-engine", "messaging_system"),
                new("velostream-engine", "alert-monitor", "messaging_system"),
            },
            TempoServiceGraph.Edges(spans));
    }

    [Fact]
    public void A_poison_record_gets_an_error_span_and_its_dead_letter_keeps_the_trace()
    {
        using var feed = new TracedService("trading-feed");
        using var engine = new TracedService("velostream-engine");
        var records = Feed(feed, "market_data", ["AAPL", "BAD"], badIndex: 1);

        var query = RunJob(engine, Query + With.Replace(")", ", 'failure.strategy' = 'dead_letter')"), records);

        Assert.Single(query.Output.Records);
        var failedRecordTrace = feed.Spans[1].TraceId;
        var failed = Assert.Single(engine.Spans, s => s.DisplayName == "process market_data" && s.TraceId == failedRecordTrace);
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("decode_error", failed.GetTagItem("error.type"));
        var exception = Assert.Single(failed.Events);
        Assert.Equal("exception", exception.Name);
        Assert.Equal("decode_error", exception.Tags.Single(t => t.Key == "exception.type").Value);
        Assert.Equal(failed.StatusDescription, exception.Tags.Single(t => t.Key == "exception.message").Value);
        var failedQuery = Assert.Single(engine.Spans, s => s.DisplayName == "sql_query:SELECT" && s.TraceId == failedRecordTrace);
        Assert.Equal(ActivityStatusCode.Error, failedQuery.Status);
        Assert.Equal(0L, failedQuery.GetTagItem("velostream.records.out"));

        // The dead letter carries the failed record's trace context.
        var deadLetter = Assert.Single(query.DeadLetters.Records);
        Assert.True(TraceContextHeaders.TryExtract(deadLetter.Headers, out var dlqContext));
        Assert.Equal(failedRecordTrace, dlqContext.TraceId);
        Assert.Equal(feed.Spans[1].SpanId, dlqContext.SpanId);
    }

    [Fact]
    public void An_exception_failure_is_recorded_as_an_exception_event()
    {
        using var engine = new TracedService("velostream-engine");
        using (var process = engine.Tracer.StartProcess(new SourceRecord { Topic = "t" }))
        {
            RecordTracer.RecordFailure(process, "evaluation_error", "division by zero", new DivideByZeroException("Attempted to divide by zero."));
        }

        var span = Assert.Single(engine.Spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("evaluation_error", span.GetTagItem("error.type"));
        var exception = Assert.Single(span.Events);
        Assert.Equal("exception", exception.Name);
        Assert.Equal("System.DivideByZeroException", exception.Tags.Single(t => t.Key == "exception.type").Value);
        Assert.Equal("Attempted to divide by zero.", exception.Tags.Single(t => t.Key == "exception.message").Value);
    }

    [Fact]
    public void A_window_output_continues_the_first_sampled_input_and_links_a_bounded_sample()
    {
        using var feed = new TracedService("trading-feed");
        using var engine = new TracedService("velostream-engine");
        var inputs = Feed(feed, "market_data", [.. Enumerable.Repeat("AAPL", 40)]);

        var query = RunJob(engine,
            "CREATE STREAM counts AS SELECT symbol, COUNT(*) AS n FROM market_data GROUP BY symbol WINDOW TUMBLING(1s) EMIT FINAL"
            + " WITH ('market_data.type' = 'file_source', 'market_data.path' = 'in.jsonl', 'counts.type' = 'file_sink', 'counts.path' = 'out.jsonl')",
            inputs, outputTopic: "counts");

        Assert.Equal(["{\"symbol\":\"AAPL\",\"n\":40}"], query.Output.Lines);
        var feedSpans = feed.Spans;
        var aggregate = Assert.Single(engine.Spans, s => s.DisplayName == "sql_query:WINDOW" && s.Links.Any());
        Assert.Equal(feedSpans[0].TraceId, aggregate.TraceId);
        Assert.Equal(feedSpans[0].SpanId, aggregate.ParentSpanId);
        Assert.Equal(feedSpans.Take(32).Select(s => s.SpanId), aggregate.Links.Select(l => l.Context.SpanId));
        Assert.Equal(40L, aggregate.GetTagItem("velostream.contributing_inputs"));
        Assert.Equal(32, aggregate.GetTagItem("velostream.linked_inputs"));
        Assert.Equal(40L, aggregate.GetTagItem("velostream.records.in"));
        Assert.Equal(1L, aggregate.GetTagItem("velostream.records.out"));
        var outputSend = Assert.Single(engine.Spans, s => s.DisplayName == "send counts");
        Assert.Equal(aggregate.SpanId, outputSend.ParentSpanId);
    }

    [Fact]
    public void A_window_of_unsampled_inputs_passes_the_unsampled_decision_on()
    {
        using var engine = new TracedService("velostream-engine");
        var unsampled = new RecordHeaders { new("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"u8.ToArray()) };
        var sample = new LineageSample(32);
        sample.Add(new SourceRecord { Topic = "market_data", Headers = unsampled });

        RecordHeaders? output = null;
        Assert.Null(engine.Tracer.StartAggregateOutput("WINDOW", "counts", null, "…", sample, ref output));

        Assert.Equal("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", Encoding.UTF8.GetString(output!.GetLast("traceparent")!));
        Assert.Empty(engine.Spans);
    }

    [Fact]
    public void Unsampled_records_produce_no_spans_downstream_even_where_everything_new_is_sampled()
    {
        using var feed = new TracedService("trading-feed", samplingRatio: 0.25);
        using var engine = new TracedService("velostream-engine", samplingRatio: 1.0);
        using var monitor = new TracedService("alert-monitor", samplingRatio: 1.0);

        var marketData = Feed(feed, "market_data", [.. Enumerable.Range(0, 400).Select(i => $"S{i}")]);
        Consume(monitor, RunStatelessJob(engine, marketData, "price_alerts"), "alert-monitor");

        // Every record carries a trace context, sampled or not, so no later hop starts a trace of its own.
        Assert.All(marketData, r => Assert.NotNull(TraceContextHeaders.IsSampled(r.Headers)));
        var sampled = feed.Spans.Select(s => s.TraceId).ToHashSet();
        Assert.InRange(sampled.Count, 60, 140);
        Assert.Equal(sampled, engine.Spans.Where(s => s.DisplayName == "process market_data").Select(s => s.TraceId).ToHashSet());
        Assert.Equal(sampled.Count, engine.Spans.Count(s => s.DisplayName == "process market_data"));
        Assert.Equal(sampled, monitor.Spans.Select(s => s.TraceId).ToHashSet());
        Assert.Equal(sampled.Count, monitor.Spans.Count);
    }

    [Fact]
    public void A_record_unsampled_upstream_is_not_offered_to_the_sampler_and_its_headers_travel_unchanged()
    {
        using var engine = new TracedService("velostream-engine", samplingRatio: 1.0);
        using var sampler = new SamplerQuestions(engine, ActivitySamplingResult.AllDataAndRecorded);
        var unsampled = new RecordHeaders { new("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"u8.ToArray()) };
        RecordHeaders? outgoing = unsampled;

        Assert.Null(engine.Tracer.StartProcess(new SourceRecord { Topic = "market_data", Headers = unsampled }));
        Assert.Null(engine.Tracer.StartSend("price_alerts", "AAPL"u8, ref outgoing));

        // The decision was known from the header under the parent-based sampler: nobody was asked, nothing
        // was recorded, and the very same header list goes on to carry it.
        Assert.Equal(0, sampler.Asked);
        Assert.Same(unsampled, outgoing);
        Assert.Empty(engine.Spans);
    }

    [Fact]
    public void Records_without_context_are_drawn_at_the_ratio_and_only_the_sampled_ones_reach_the_sampler()
    {
        const int Records = 4_000;
        using var engine = new TracedService("velostream-engine", samplingRatio: 0.25);
        using var sampler = new SamplerQuestions(engine, ActivitySamplingResult.None);

        var sampled = 0;
        for (var i = 0; i < Records; i++)
        {
            using var process = engine.Tracer.StartProcess(new SourceRecord { Topic = "market_data", Offset = i });
            if (process is not null)
            {
                // What was drawn "sampled" is recorded: the SDK's sampler does not draw a second time.
                Assert.True(process.Recorded);
                sampled++;
            }
        }

        // ±10% of the expected 1,000 is over three binomial standard deviations (27).
        Assert.InRange(sampled, Records * 0.25 * 0.9, Records * 0.25 * 1.1);
        // The records not sampled never became span objects: only the sampled ones were offered.
        Assert.Equal(sampled, sampler.Asked);
        Assert.Equal(sampled, engine.Spans.Count);
    }

    [Fact]
    public void Under_a_sampler_that_ignores_the_parent_an_unsampled_header_is_decided_afresh_at_every_span()
    {
        using var engine = new TracedService("velostream-engine", samplingRatio: 1.0, parentBased: false);
        var unsampled = new RecordHeaders { new("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"u8.ToArray()) };
        RecordHeaders? outgoing = unsampled;
        // What the observer does with the header list it gives a batch's unsampled outputs: it must not let
        // the send span skip a sampler that does not follow parents.
        engine.Tracer.NoteUnsampled(unsampled);

        using (var process = engine.Tracer.StartProcess(new SourceRecord { Topic = "market_data", Headers = unsampled }))
        {
            Assert.True(process?.Recorded);
        }
        using (var send = engine.Tracer.StartSend("price_alerts", "AAPL"u8, ref outgoing))
        {
            Assert.True(send?.Recorded);
        }

        Assert.NotSame(unsampled, outgoing);
        Assert.Equal(2, engine.Spans.Count);
        Assert.All(engine.Spans, s => Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", s.TraceId.ToHexString()));
    }

    [Fact]
    public void With_tracing_off_nothing_is_started_and_headers_are_left_alone()
    {
        using var telemetry = new VelostreamTelemetry($"Velostream.Test.Off.{Guid.NewGuid():N}", "unused");
        RecordHeaders? headers = null;

        Assert.False(telemetry.Tracer.IsEnabled);
        Assert.Null(telemetry.Tracer.StartSend("market_data", "AAPL"u8, ref headers));
        Assert.Null(headers);
        Assert.Null(telemetry.Tracer.StartProcess(new SourceRecord { Topic = "market_data" }));
        var batch = new SourceBatch();
        batch.Add() = new SourceRecord { Topic = "market_data" };
        Assert.Null(telemetry.Tracer.StartIngestion("market_data", batch));
    }

    [Fact]
    public void The_engine_observer_wants_input_samples_for_windows_only_while_its_tracer_is_listened_to()
    {
        using var off = new VelostreamTelemetry($"Velostream.Test.Off.{Guid.NewGuid():N}", "unused");
        Assert.False(new TelemetryJobObserver(off).WantsLineage);

        using var engine = new TracedService("velostream-engine");
        Assert.True(new TelemetryJobObserver(engine.Telemetry).WantsLineage);
    }

    internal static GraphSpan ToGraphSpan(string service, Activity span) => new(
        service,
        span.TraceId.ToHexString(),
        span.SpanId.ToHexString(),
        span.ParentSpanId == default ? "" : span.ParentSpanId.ToHexString(),
        span.Kind switch
        {
            ActivityKind.Server => GraphSpanKind.Server,
            ActivityKind.Client => GraphSpanKind.Client,
            ActivityKind.Producer => GraphSpanKind.Producer,
            ActivityKind.Consumer => GraphSpanKind.Consumer,
            _ => GraphSpanKind.Internal,
        });

    private static List<SourceRecord> Feed(TracedService feed, string topic, IReadOnlyList<string> symbols, int badIndex = -1)
    {
        var records = new List<SourceRecord>();
        for (var i = 0; i < symbols.Count; i++)
        {
            var key = Encoding.UTF8.GetBytes(symbols[i]);
            RecordHeaders? headers = null;
            using (feed.Tracer.StartSend(topic, key, ref headers))
            {
            }
            records.Add(new SourceRecord
            {
                Key = key,
                Value = Encoding.UTF8.GetBytes(i == badIndex ? "{\"symbol\": " : $$"""{"symbol":"{{symbols[i]}}","price":250}"""),
                Headers = headers,
                Topic = topic,
                Partition = 0,
                Offset = i,
                TimestampMs = 1_767_600_000_000 + i,
            });
        }
        return records;
    }

    /// <summary>
    /// Runs the engine over <paramref name="input"/> as one polled batch to the end of input, then sends each
    /// output as the Kafka sink does (a <c>send</c> span continuing the context the observer put in the headers).
    /// </summary>
    private static InProcessQuery RunJob(TracedService engine, string sql, List<SourceRecord> input, string outputTopic = "price_alerts") =>
        RunJob(engine, sql, input, outputTopic, out _);

    private static InProcessQuery RunJob(TracedService engine, string sql, List<SourceRecord> input, string outputTopic, out List<SourceRecord> sent)
    {
        var query = InProcessQuery.Create(sql, new JobOptions { Observer = new TelemetryJobObserver(engine.Telemetry), Log = TextWriter.Null, AppName = "trading" });
        var batch = new SourceBatch(input.Count);
        foreach (var record in input)
        {
            batch.Add() = record;
        }
        query.Push("market_data", batch);
        query.Finish();
        sent = [];
        foreach (var (key, value, headers, _) in query.Output.Records)
        {
            var outgoing = headers;
            engine.Tracer.StartSend(outputTopic, key, ref outgoing)?.Dispose();
            sent.Add(new SourceRecord { Key = key, Value = value, Headers = outgoing, Topic = outputTopic, Partition = 0, Offset = sent.Count });
        }
        return query;
    }

    /// <summary>The filter job of the span-tree tests; returns its outputs as the next service receives them.</summary>
    private static List<SourceRecord> RunStatelessJob(TracedService engine, List<SourceRecord> input, string outputTopic)
    {
        RunJob(engine, Query + With, input, outputTopic, out var sent);
        return sent;
    }

    private static void Consume(TracedService monitor, List<SourceRecord> records, string group)
    {
        foreach (var record in records)
        {
            using var process = monitor.Tracer.StartProcess(record, group);
        }
    }

    /// <summary>
    /// Counts how often spans of a service's source are offered for sampling (once per span object created),
    /// giving a fixed answer: <see cref="ActivitySamplingResult.None"/> leaves the decision to the service's own
    /// sampler.
    /// </summary>
    private sealed class SamplerQuestions : IDisposable
    {
        private readonly ActivityListener _listener;
        private int _asked;

        public SamplerQuestions(TracedService service, ActivitySamplingResult answer)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source == service.Tracer.Source,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) =>
                {
                    Interlocked.Increment(ref _asked);
                    return answer;
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public int Asked => Volatile.Read(ref _asked);

        public void Dispose() => _listener.Dispose();
    }
}
