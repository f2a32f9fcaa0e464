using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Jobs;
using static Velostream.Tests.Connectors.Kafka.KafkaTestTopics;

namespace Velostream.Tests.Connectors.Kafka;

/// <summary>SQL jobs end to end on the embedded broker, through the engine's job runner.</summary>
public sealed class KafkaJobTests : IDisposable
{
    private const string Traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start();

    public void Dispose() => _cluster.Dispose();

    private static string FilterApp(string extra = "") => $"""
        -- @app: kafka_test
        CREATE STREAM expensive AS
        SELECT symbol, price FROM md WHERE price > 200
        EMIT CHANGES
        WITH ('md.type' = 'kafka_source', 'md.topic.name' = 'md',
              'md.session.timeout.ms' = '1000', 'md.heartbeat.interval.ms' = '200',
              'expensive.type' = 'kafka_sink', 'expensive.topic.name' = 'expensive'{extra});
        """;

    private JobRunner Job(string sql) => KafkaTestJobs.Create(_cluster, sql);

    private static (string?, string, RecordHeaders?) Quote(string symbol, string price) =>
        (symbol, $$"""{"symbol":"{{symbol}}","price":{{price}}}""", new RecordHeaders { new("traceparent", System.Text.Encoding.UTF8.GetBytes(Traceparent)) });

    [Fact]
    public async Task Filter_job_writes_exact_outputs_keeping_the_input_headers()
    {
        var job = Job(FilterApp());
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => job.RunAsync(stop.Token), TestContext.Current.CancellationToken);
        await ProduceAsync(_cluster, "md", [Quote("AAPL", "189.50"), Quote("NVDA", "875.40"), Quote("MSFT", "415.20"), Quote("TSLA", "199.99")]);

        var outputs = await ConsumeAsync(_cluster, "expensive", 2);
        await stop.CancelAsync();
        Assert.Equal(JobState.Stopped, await running);

        Assert.Equal(["""{"symbol":"NVDA","price":875.40}""", """{"symbol":"MSFT","price":415.20}"""], outputs.Select(o => o.Value));
        Assert.All(outputs, o => Assert.Equal(Traceparent, Header(o.Headers, "traceparent")));
        Assert.Equal((4, 2, 0), (job.Stats.RecordsIn, job.Stats.RecordsOut, job.Stats.RecordsFailed));
    }

    [Fact]
    public async Task Poison_records_go_to_the_dead_letter_topic_with_their_headers_and_every_good_record_is_delivered()
    {
        var job = Job(FilterApp(", 'failure.strategy' = 'dead_letter'"));
        var input = Enumerable.Range(0, 200).Select(i => i % 10 == 3
            ? ((string?)$"k{i}", i % 20 == 3 ? "{not json" : $$"""{"symbol":"S{{i}}","price":"abc"}""", new RecordHeaders { new("traceparent", System.Text.Encoding.UTF8.GetBytes(Traceparent)) })
            : Quote($"S{i}", $"{300 + i}.25")).ToList();
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => job.RunAsync(stop.Token), TestContext.Current.CancellationToken);
        await ProduceAsync(_cluster, "md", input);

        var outputs = await ConsumeAsync(_cluster, "expensive", 180);
        var dead = await ConsumeAsync(_cluster, "expensive-dlq", 20);
        await stop.CancelAsync();
        await running;

        Assert.Equal(
            Enumerable.Range(0, 200).Where(i => i % 10 != 3).Select(i => $$"""{"symbol":"S{{i}}","price":{{300 + i}}.25}"""),
            outputs.Select(o => o.Value));
        Assert.Equal(Enumerable.Range(0, 200).Where(i => i % 10 == 3).Select(i => input[i].Item2), dead.Select(d => d.Value));
        Assert.All(dead, d =>
        {
            Assert.Equal(Traceparent, Header(d.Headers, "traceparent"));
            Assert.Equal("expensive", Header(d.Headers, KafkaDeadLetterWriter.JobHeader));
            Assert.Equal("md", Header(d.Headers, KafkaDeadLetterWriter.SourceTopicHeader));
            Assert.Equal("0", Header(d.Headers, KafkaDeadLetterWriter.SourcePartitionHeader));
            Assert.Equal(d.Key[1..], Header(d.Headers, KafkaDeadLetterWriter.SourceOffsetHeader));
            Assert.NotEqual("<missing>", Header(d.Headers, KafkaDeadLetterWriter.ErrorMessageHeader));
        });
        Assert.Equal(
            Enumerable.Range(0, 200).Where(i => i % 10 == 3).Select(i => i % 20 == 3 ? "decode_error" : "evaluation_error"),
            dead.Select(d => Header(d.Headers, KafkaDeadLetterWriter.ErrorTypeHeader)));
        Assert.Equal((200L, 180L, 20L), (job.Stats.RecordsIn, job.Stats.RecordsOut, job.Stats.RecordsDeadLettered));
    }

    [Fact]
    public async Task A_restarted_job_resumes_from_its_committed_offsets_without_losing_input()
    {
        // Creating the job first creates its topics (one partition each, so the order is exact).
        var first = Job(FilterApp());
        await ProduceAsync(_cluster, "md", Enumerable.Range(0, 500).Select(i => Quote($"S{i}", $"{1000 + i}")));
        using (var stop = new CancellationTokenSource())
        {
            var running = Task.Run(() => first.RunAsync(stop.Token), TestContext.Current.CancellationToken);
            await ConsumeAsync(_cluster, "expensive", 500);
            await stop.CancelAsync();
            Assert.Equal(JobState.Stopped, await running);
        }

        await ProduceAsync(_cluster, "md", Enumerable.Range(500, 500).Select(i => Quote($"S{i}", $"{1000 + i}")));
        var second = Job(FilterApp());
        using (var stop = new CancellationTokenSource())
        {
            var running = Task.Run(() => second.RunAsync(stop.Token), TestContext.Current.CancellationToken);
            var outputs = await ConsumeAsync(_cluster, "expensive", 1000);
            await stop.CancelAsync();
            await running;
            Assert.Equal(Enumerable.Range(0, 1000).Select(i => $$"""{"symbol":"S{{i}}","price":{{1000 + i}}}"""), outputs.Select(o => o.Value).Distinct());
        }
        // Stopped cleanly, the first job committed everything it delivered: the second starts after it.
        Assert.Equal(500, second.Stats.RecordsIn);
    }

    private const long T0 = 1767605400000; // 2026-01-05T09:30:00Z

    private static string WindowApp(string extra = "") => $"""
        -- @app: kafka_test
        CREATE STREAM counts AS
        SELECT symbol, COUNT(*) AS n, SUM(price) AS total, _window_start AS ws FROM md
        GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL
        WITH ('md.type' = 'kafka_source', 'md.topic.name' = 'md',
              'md.session.timeout.ms' = '1000', 'md.heartbeat.interval.ms' = '200',
              'counts.type' = 'kafka_sink', 'counts.topic.name' = 'counts'{extra});
        """;

    private static IEnumerable<(string?, string, RecordHeaders?)> Trades(params (long Ms, int Price)[] trades) =>
        trades.Select(t => ((string?)"A", $$"""{"symbol":"A","price":{{t.Price}},"ts":{{T0 + t.Ms}}}""", (RecordHeaders?)null));

    /// <summary>
    /// With changelogs (the default), the open window's state is restored and the restart reads only what
    /// came after the stop; with <c>'state.changelog' = 'false'</c> the commit was held back at the open
    /// window's first record, which the restart reads again. Either way the outputs are one uninterrupted run's.
    /// </summary>
    [Theory]
    [InlineData("", 2)]
    [InlineData(", 'state.changelog' = 'false'", 5)]
    public async Task A_window_open_when_the_job_stops_gives_after_a_restart_what_an_uninterrupted_run_gives(string extra, int readAgain)
    {
        var first = Job(WindowApp(extra));
        // Window [0s, 1s) is complete; window [1s, 2s) is open with three records when the job stops.
        await ProduceAsync(_cluster, "md", Trades((0, 1), (300, 2), (600, 3), (1000, 10), (1200, 20), (1400, 30)));
        using (var stop = new CancellationTokenSource())
        {
            var running = Task.Run(() => first.RunAsync(stop.Token), TestContext.Current.CancellationToken);
            await ConsumeAsync(_cluster, "counts", 1);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (first.Stats.RecordsIn < 6 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
            await Task.Delay(300, TestContext.Current.CancellationToken); // periodic commits run meanwhile
            await stop.CancelAsync();
            var state = await running;
            Assert.True(state == JobState.Stopped, first.Stats.LastError);
        }

        await ProduceAsync(_cluster, "md", Trades((1600, 40), (2500, 100)));
        var second = Job(WindowApp(extra));
        using (var stop = new CancellationTokenSource())
        {
            var running = Task.Run(() => second.RunAsync(stop.Token), TestContext.Current.CancellationToken);
            var outputs = await ConsumeAsync(_cluster, "counts", 2);
            await stop.CancelAsync();
            await running;
            // Exactly what an uninterrupted run writes: the second window counts its three records from
            // before the stop (restored, or replayed) and the one after.
            Assert.Equal(
            [
                """{"symbol":"A","n":3,"total":6,"ws":"2026-01-05T09:30:00.000Z"}""",
                """{"symbol":"A","n":4,"total":100,"ws":"2026-01-05T09:30:01.000Z"}""",
            ], outputs.Select(o => o.Value));
        }
        // Restored: the 2 new records only; held back: the open window's 3 again and the 2 new, never the closed window's.
        Assert.Equal(readAgain, second.Stats.RecordsIn);
    }
}
