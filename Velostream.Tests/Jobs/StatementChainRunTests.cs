using System.Globalization;
using System.Text;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Jobs;
using Velostream.Tests.Connectors.Kafka;
using Velostream.Tests.Support;
using static Velostream.Tests.Connectors.Kafka.KafkaTestTopics;

namespace Velostream.Tests.Jobs;

/// <summary>
/// <c>run</c> runs a statement that reads another statement's output (FROM a name the application
/// creates): in process when the producer writes a file, standard output or nothing (a table's rows
/// passed on as the table stands when its producer ends); through the producer's topic when it writes Kafka.
/// </summary>
public sealed class StatementChainRunTests
{
    private static readonly string[] Desks = ["RATES", "FX", "EQ", "CREDIT", "COMMODITIES"];

    [Fact]
    public void Three_chained_file_statements_give_the_answer_computed_directly_from_the_input()
    {
        using var dir = new TempFolder();
        var random = new Random(1307);
        var fills = Enumerable.Range(0, 400).Select(_ => (Desk: Desks[random.Next(Desks.Length)], Qty: random.Next(-20, 100))).ToList();
        var csv = new StringBuilder("desk,qty\n");
        foreach (var (desk, qty) in fills) csv.Append(CultureInfo.InvariantCulture, $"{desk},{qty}\n");
        dir.Write("fills.csv", csv.ToString());
        var sql = dir.Write("desks.sql", """
            CREATE STREAM buys AS
            SELECT desk, qty FROM fills WHERE qty > 0
            WITH ('fills.type' = 'file_source', 'fills.path' = 'fills.csv', 'fills.format' = 'csv',
                  'buys.type' = 'file_sink', 'buys.path' = 'buys.jsonl');

            CREATE TABLE desk_totals AS
            SELECT desk, SUM(qty) AS total_qty, COUNT(*) AS fills FROM buys GROUP BY desk;

            CREATE TABLE busy_desks AS
            SELECT desk, total_qty, fills FROM desk_totals WHERE total_qty > 3000 ORDER BY total_qty DESC
            WITH ('busy_desks.type' = 'file_sink', 'busy_desks.path' = 'busy.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        var expected = fills.Where(f => f.Qty > 0).GroupBy(f => f.Desk)
            .Select(g => (Desk: g.Key, Total: g.Sum(f => f.Qty), Count: g.Count()))
            .Where(g => g.Total > 3000)
            .OrderByDescending(g => g.Total)
            .Select(g => $$"""{"desk":"{{g.Desk}}","total_qty":{{g.Total}},"fills":{{g.Count}}}""")
            .ToList();
        Assert.True(expected.Count >= 2, "the data should make at least two busy desks");
        // Sorted: the third statement's input ends (it is known to be bounded, through the chain), so ORDER BY applies.
        Assert.Equal(expected, dir.Read("busy.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // The table is passed on whole once: one row per desk, not one per update.
        Assert.Contains($"job busy_desks: in={fills.Where(f => f.Qty > 0).Select(f => f.Desk).Distinct().Count()} ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_producer_fails_the_statement_reading_its_output_instead_of_leaving_it_waiting()
    {
        using var dir = new TempFolder();
        dir.Write("nums.jsonl", "{\"id\":1}\n{\"id\":2}\n{broken\n");
        var sql = dir.Write("app.sql", """
            CREATE STREAM big AS SELECT id FROM nums WHERE id > 1
            WITH ('nums.type' = 'file_source', 'nums.path' = 'nums.jsonl', 'failure.strategy' = 'fail',
                  'big.type' = 'file_sink', 'big.path' = 'big.jsonl');

            CREATE STREAM doubled AS SELECT id * 2 AS twice FROM big
            WITH ('doubled.type' = 'file_sink', 'doubled.path' = 'doubled.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("job doubled: error: 'big': the statement producing it failed:", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_reading_a_kafka_producers_output_reads_its_topic()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var jobs = KafkaTestJobs.CreateApplication(cluster, """
            -- @app: chain_test
            CREATE STREAM big_trades AS
            SELECT symbol, qty FROM trades WHERE qty >= 100
            WITH ('trades.type' = 'kafka_source', 'big_trades.type' = 'kafka_sink', 'big_trades.topic.name' = 'big');

            CREATE STREAM block_trades AS
            SELECT symbol, qty / 100 AS lots FROM big_trades WHERE qty >= 500
            WITH ('block_trades.type' = 'kafka_sink');
            """);
        var cancel = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var running = jobs.Select(j => j.Start(stop.Token)).ToList();
        var random = new Random(42);
        var trades = Enumerable.Range(0, 60).Select(i => (Symbol: $"S{i % 7}", Qty: random.Next(1, 10) * 100 - 50 * (i % 2))).ToList();

        await ProduceAsync(cluster, "trades", trades.Select(t => ((string?)t.Symbol, $$"""{"symbol":"{{t.Symbol}}","qty":{{t.Qty}}}""", (Engine.Connectors.RecordHeaders?)null)));
        var expected = trades.Where(t => t.Qty >= 500).Select(t => $$"""{"symbol":"{{t.Symbol}}","lots":{{(t.Qty / 100m).ToString(CultureInfo.InvariantCulture)}}}""").ToList();
        var blocks = await ConsumeAsync(cluster, "block_trades", expected.Count, stopEarly: () => running.Any(r => r.IsCompleted));
        await stop.CancelAsync();

        Assert.All(await Task.WhenAll(running), state => Assert.Equal(JobState.Stopped, state));
        Assert.Equal(expected, blocks.Select(b => b.Value));
        Assert.Equal(trades.Count(t => t.Qty >= 100), ReadPartition(cluster, "big").Records.Count);
    }

    [Fact]
    public async Task A_kafka_statement_writing_a_file_passes_its_rows_in_process_with_their_traces_to_a_statement_writing_kafka()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        using var dir = new TempFolder();
        var jobs = KafkaTestJobs.CreateApplication(cluster, $"""
            -- @app: pipe_test
            CREATE STREAM filtered AS SELECT symbol, qty FROM trades WHERE qty > 1
            WITH ('trades.type' = 'kafka_source', 'filtered.type' = 'file_sink', 'filtered.path' = '{dir.File("filtered.jsonl")}');

            CREATE STREAM scaled AS SELECT symbol, qty * 10 AS q FROM filtered
            WITH ('scaled.type' = 'kafka_sink');
            """);
        var cancel = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var running = jobs.Select(j => j.Start(stop.Token)).ToList();

        await ProduceAsync(cluster, "trades", Enumerable.Range(1, 4).Select(i =>
        {
            var headers = new Engine.Connectors.RecordHeaders();
            headers.Set("traceparent", Encoding.ASCII.GetBytes($"00-{i:x32}-{i:x16}-01"));
            return ((string?)$"S{i}", $$"""{"symbol":"S{{i}}","qty":{{i}}}""", (Engine.Connectors.RecordHeaders?)headers);
        }));
        var scaled = await ConsumeAsync(cluster, "scaled", 3, stopEarly: () => running.Any(r => r.IsCompleted));
        await stop.CancelAsync();

        Assert.All(await Task.WhenAll(running), state => Assert.Equal(JobState.Stopped, state));
        Assert.Equal(
            [("""{"symbol":"S2","q":20}""", 2.ToString("x32", CultureInfo.InvariantCulture)), ("""{"symbol":"S3","q":30}""", 3.ToString("x32", CultureInfo.InvariantCulture)),
             ("""{"symbol":"S4","q":40}""", 4.ToString("x32", CultureInfo.InvariantCulture))],
            scaled.Select(r => (r.Value, Header(r.Headers, "traceparent")[3..35])));
        Assert.Equal(3, dir.Read("filtered.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
