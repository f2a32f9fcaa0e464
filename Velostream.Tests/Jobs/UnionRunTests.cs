using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Jobs;
using Velostream.Tests.Connectors.Kafka;
using Velostream.Tests.Support;
using static Velostream.Tests.Connectors.Kafka.KafkaTestTopics;

namespace Velostream.Tests.Jobs;

/// <summary>
/// <c>run</c> and the job runner run a UNION ALL: each SELECT reads its own sources into the statement's
/// one sink, in its own order, with its own dead letters; the columns are named by the first SELECT.
/// </summary>
public sealed class UnionRunTests
{
    [Fact]
    public void A_file_union_writes_every_selects_rows_into_one_file_each_in_its_own_order()
    {
        using var dir = new TempFolder();
        dir.Write("rates.csv", "desk,qty\nRATES,10\nRATES,3\nRATES,30\nRATES,20\n");
        dir.Write("fx.jsonl", """
            {"book":"FX","size":2.5}
            {"book":"FX","size":7}
            {"book":"FX","size":1.25}

            """);
        var sql = dir.Write("app.sql", """
            CREATE STREAM fills AS
            SELECT desk, CAST(qty AS BIGINT) AS amount FROM rates WHERE qty > 5
            UNION ALL
            SELECT book, CAST(size AS DOUBLE) * 2 FROM fx
            WITH ('rates.type' = 'file_source', 'rates.path' = 'rates.csv', 'rates.format' = 'csv',
                  'fx.type' = 'file_source', 'fx.path' = 'fx.jsonl',
                  'fills.type' = 'file_sink', 'fills.path' = 'fills.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("job fills: in=7 out=6 failed=0 late=0", result.Errors, StringComparison.Ordinal);
        var lines = dir.Read("fills.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["""{"desk":"FX","amount":14}""", """{"desk":"FX","amount":2.5}""", """{"desk":"FX","amount":5}""",
             """{"desk":"RATES","amount":10}""", """{"desk":"RATES","amount":20}""", """{"desk":"RATES","amount":30}"""],
            lines.Order(StringComparer.Ordinal));
        // Each SELECT's rows keep their input order, whatever the interleaving.
        Assert.Equal(["10", "30", "20"], lines.Where(l => l.Contains("RATES", StringComparison.Ordinal)).Select(Amount));
        Assert.Equal(["5", "14", "2.5"], lines.Where(l => l.Contains("FX", StringComparison.Ordinal)).Select(Amount));
    }

    [Fact]
    public void A_record_one_select_cannot_decode_goes_to_the_statements_dead_letters_and_the_other_rows_are_written()
    {
        using var dir = new TempFolder();
        dir.Write("a.jsonl", "{\"id\":1}\n{broken\n{\"id\":2}\n");
        dir.Write("b.jsonl", "{\"id\":10}\n{\"id\":11}\n");
        var sql = dir.Write("app.sql", """
            CREATE STREAM ids AS
            SELECT id FROM a UNION ALL SELECT id FROM b
            WITH ('a.type' = 'file_source', 'a.path' = 'a.jsonl', 'b.type' = 'file_source', 'b.path' = 'b.jsonl',
                  'failure.strategy' = 'dead_letter', 'ids.dlq.path' = 'dlq.jsonl',
                  'ids.type' = 'file_sink', 'ids.path' = 'ids.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["""{"id":10}""", """{"id":11}""", """{"id":1}""", """{"id":2}"""],
            dir.Read("ids.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var deadLetter = Assert.Single(dir.Read("dlq.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"source\":\"a\",\"line\":2,\"error_type\":\"decode_error\"", deadLetter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kafka_union_reads_both_topics_into_one_and_commits_each_selects_offsets()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        const string App = """
            -- @app: union_test
            CREATE STREAM moves AS
            SELECT symbol, price FROM nyse WHERE price > 100
            UNION ALL
            SELECT ticker, bid FROM lse
            WITH ('nyse.type' = 'kafka_source', 'nyse.session.timeout.ms' = '1000', 'nyse.heartbeat.interval.ms' = '200',
                  'lse.type' = 'kafka_source', 'lse.session.timeout.ms' = '1000', 'lse.heartbeat.interval.ms' = '200',
                  'moves.type' = 'kafka_sink', 'moves.topic.name' = 'moves');
            """;
        var cancel = TestContext.Current.CancellationToken;

        await ProduceAsync(cluster, "nyse", [("a", """{"symbol":"IBM","price":150}""", Traced(1)), ("b", """{"symbol":"GE","price":90}""", Traced(2)), ("c", """{"symbol":"KO","price":101}""", Traced(3))]);
        await ProduceAsync(cluster, "lse", [("d", """{"ticker":"BP","bid":4.5}""", Traced(4))]);
        await RunUntil(cluster, App, "moves", 3, cancel);
        // Each output carries the trace of the record it came from, whichever SELECT read it.
        var traced = await ConsumeAsync(cluster, "moves", 3);
        Assert.Equal(
            [("""{"symbol":"BP","price":4.5}""", TraceId(4)), ("""{"symbol":"IBM","price":150}""", TraceId(1)), ("""{"symbol":"KO","price":101}""", TraceId(3))],
            traced.Select(m => (m.Value, Header(m.Headers, "traceparent")[3..35])).Order());
        // Run again with one more record per topic: each SELECT committed what it read, so only the new ones come out.
        await ProduceAsync(cluster, "nyse", [("e", """{"symbol":"MMM","price":120}""", null)]);
        await ProduceAsync(cluster, "lse", [("f", """{"ticker":"HSBA","bid":6.25}""", null)]);
        await RunUntil(cluster, App, "moves", 5, cancel);

        var (moves, _) = ReadPartition(cluster, "moves");
        Assert.Equal(
            ["""{"symbol":"BP","price":4.5}""", """{"symbol":"HSBA","price":6.25}""", """{"symbol":"IBM","price":150}""",
             """{"symbol":"KO","price":101}""", """{"symbol":"MMM","price":120}"""],
            moves.Select(m => m.Value).Order(StringComparer.Ordinal));
    }

    private static async Task RunUntil(EmbeddedKafkaCluster cluster, string app, string topic, int count, CancellationToken cancel)
    {
        var job = Assert.Single(KafkaTestJobs.CreateApplication(cluster, app));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var running = job.Start(stop.Token);
        await ConsumeAsync(cluster, topic, count, stopEarly: () => running.IsCompleted);
        await stop.CancelAsync();
        Assert.Equal(JobState.Stopped, await running);
        Assert.Null(job.Stats.LastError);
    }

    private static string TraceId(int n) => n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private static RecordHeaders Traced(int n)
    {
        var headers = new RecordHeaders();
        headers.Set("traceparent", System.Text.Encoding.ASCII.GetBytes($"00-{TraceId(n)}-{n:x16}-01"));
        return headers;
    }

    private static string Amount(string line) => line[(line.LastIndexOf(':') + 1)..^1];
}
