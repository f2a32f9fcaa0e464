using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.InProcess;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators.Joins;

public sealed class JoinTests
{
    private static readonly string[] Instruments =
    [
        """{"symbol":"AAPL","name":"Apple","sector":"Tech"}""",
        """{"symbol":"XOM","name":"Exxon","sector":"Energy"}""",
    ];

    private static readonly string[] Trades =
    [
        """{"symbol":"AAPL","price":150.10}""",
        """{"symbol":"TSLA","price":250.00}""",
        """{"symbol":"XOM","price":110.50}""",
    ];

    private static IReadOnlyList<string> RunTableJoin(string sql)
    {
        var query = InProcessQuery.Create(sql);
        query.LoadTable("instruments", Instruments);
        query.Push("trades", Trades);
        query.Finish();
        return query.Output.Lines;
    }

    // Records of a keyed table topic (a null value is a tombstone).
    private static SourceBatch Keyed(params (string Key, string? Value)[] records)
    {
        var batch = new SourceBatch(records.Length);
        foreach (var (key, value) in records)
        {
            ref var r = ref batch.Add();
            r.Key = Encoding.UTF8.GetBytes(key);
            r.Value = value is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(value);
            r.Topic = "instruments";
            r.TimestampMs = -1;
        }
        return batch;
    }

    [Fact]
    public void A_keyed_table_record_replaces_its_keys_row_and_a_tombstone_removes_it()
    {
        var query = InProcessQuery.Create($"SELECT t.symbol, i.name FROM trades t JOIN instruments i ON t.symbol = i.symbol {InProcess.Sources("trades", "instruments")}");
        query.LoadTable("instruments", Keyed(("AAPL", """{"symbol":"AAPL","name":"Apple"}"""), ("XOM", """{"symbol":"XOM","name":"Exxon"}""")));
        query.Push("trades", Trades);
        // An update under the same message key (even to another join key), and a tombstone.
        query.LoadTable("instruments", Keyed(("AAPL", """{"symbol":"AAPL","name":"Apple Inc."}"""), ("XOM", null)));
        query.Push("trades", Trades);
        query.Finish();

        Assert.Equal(
        [
            """{"symbol":"AAPL","name":"Apple"}""",
            """{"symbol":"XOM","name":"Exxon"}""",
            """{"symbol":"AAPL","name":"Apple Inc."}""",
        ], query.Output.Lines);
        Assert.Equal(0, query.Stats.RecordsFailed);
    }

    [Fact]
    public void Table_rows_without_a_message_key_are_all_kept()
    {
        var query = InProcessQuery.Create($"SELECT t.symbol, i.name FROM trades t JOIN instruments i ON t.symbol = i.symbol {InProcess.Sources("trades", "instruments")}");
        query.LoadTable("instruments", """{"symbol":"AAPL","name":"Apple"}""", """{"symbol":"AAPL","name":"Apple Inc."}""");
        query.Push("trades", Trades);

        Assert.Equal(["""{"symbol":"AAPL","name":"Apple"}""", """{"symbol":"AAPL","name":"Apple Inc."}"""], query.Output.Lines);
    }

    [Fact]
    public void Inner_stream_table_join_keeps_only_matching_records()
    {
        var output = RunTableJoin($"SELECT t.symbol, i.name, t.price FROM trades t JOIN instruments i ON t.symbol = i.symbol {InProcess.Sources("trades", "instruments")}");
        Assert.Equal(
        [
            """{"symbol":"AAPL","name":"Apple","price":150.10}""",
            """{"symbol":"XOM","name":"Exxon","price":110.50}""",
        ], output);
    }

    [Fact]
    public void Left_stream_table_join_fills_nulls_for_a_missing_key()
    {
        var output = RunTableJoin($"SELECT t.symbol, i.sector, t.price FROM trades t LEFT JOIN instruments i ON i.symbol = t.symbol {InProcess.Sources("trades", "instruments")}");
        Assert.Equal(
        [
            """{"symbol":"AAPL","sector":"Tech","price":150.10}""",
            """{"symbol":"TSLA","sector":null,"price":250.00}""",
            """{"symbol":"XOM","sector":"Energy","price":110.50}""",
        ], output);
    }

    [Fact]
    public void Extra_on_conditions_filter_matches_and_where_filters_joined_rows()
    {
        var output = RunTableJoin($"SELECT t.symbol, i.sector FROM trades t LEFT JOIN instruments i ON t.symbol = i.symbol AND i.sector = 'Tech' WHERE t.price > 100 {InProcess.Sources("trades", "instruments")}");
        Assert.Equal(
        [
            """{"symbol":"AAPL","sector":"Tech"}""",
            """{"symbol":"TSLA","sector":null}""",
            """{"symbol":"XOM","sector":null}""",
        ], output);
    }

    [Fact]
    public void An_error_in_the_on_condition_fails_the_stream_record_with_its_reason()
    {
        var query = InProcessQuery.Create($"SELECT t.symbol FROM trades t JOIN instruments i ON t.symbol = i.symbol AND t.price / 0 > 1 {InProcess.Sources("trades", "instruments")}");
        query.LoadTable("instruments", Instruments);
        query.Push("trades", Trades);
        Assert.Equal(2, query.Stats.RecordsFailed);
        Assert.Equal("trades trades[0]@3: division by zero", query.Stats.LastError);
    }

    [Fact]
    public void Joined_rows_can_be_aggregated()
    {
        var output = RunTableJoin($"SELECT i.sector, COUNT(*) AS n FROM trades t JOIN instruments i ON t.symbol = i.symbol GROUP BY i.sector EMIT FINAL {InProcess.Sources("trades", "instruments")}");
        Assert.Equal(["""{"sector":"Tech","n":1}""", """{"sector":"Energy","n":1}"""], output);
    }

    private const string IntervalJoin = """
        SELECT a.symbol, a.price AS price_a, b.price AS price_b
        FROM market_a a {0} JOIN market_b b
          ON a.symbol = b.symbol AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND
        """;

    private static InProcessQuery RunIntervalJoin(string kind)
    {
        var query = InProcessQuery.Create(string.Format(IntervalJoin, kind) + " " + InProcess.Sources("market_a", "market_b"));
        query.Push("market_a", """{"symbol":"AAPL","price":150.00,"ts":1000}""");
        query.Push("market_b", """{"symbol":"AAPL","price":150.05,"ts":5000}""");
        query.Push("market_a", """{"symbol":"MSFT","price":400.00,"ts":6000}""");
        query.Push("market_b", """{"symbol":"AAPL","price":151.00,"ts":30000}""");
        query.Push("market_a", """{"symbol":"AAPL","price":152.00,"ts":31000}""");
        query.Finish();
        return query;
    }

    [Fact]
    public void Interval_join_matches_records_of_both_streams_within_the_time_bound()
    {
        var query = RunIntervalJoin("");
        Assert.Equal(
        [
            """{"symbol":"AAPL","price_a":150.00,"price_b":150.05}""",
            """{"symbol":"AAPL","price_a":152.00,"price_b":151.00}""",
        ], query.Output.Lines);
    }

    [Fact]
    public void Left_interval_join_emits_unmatched_left_records_with_nulls_once_they_expire()
    {
        var query = RunIntervalJoin("LEFT");
        Assert.Equal(
        [
            """{"symbol":"AAPL","price_a":150.00,"price_b":150.05}""",
            """{"symbol":"AAPL","price_a":152.00,"price_b":151.00}""",
            // Emitted when the watermark (the slower stream's time) passes 6 s + 10 s.
            """{"symbol":"MSFT","price_a":400.00,"price_b":null}""",
        ], query.Output.Lines);
    }

    [Fact]
    public void Interval_join_outputs_link_to_both_inputs()
    {
        var observer = new RecordingObserver();
        var query = InProcessQuery.Create(string.Format(IntervalJoin, "") + " " + InProcess.Sources("market_a", "market_b"),
            new Engine.Execution.Planning.JobOptions { Observer = observer, Log = TextWriter.Null });
        query.Push("market_a", """{"symbol":"AAPL","price":150.00,"ts":1000}""", """{"symbol":"X","price":1,"ts":1000}""");
        query.Push("market_b", """{"symbol":"AAPL","price":150.05,"ts":5000}""");
        var sample = Assert.Single(observer.Samples);
        Assert.Equal(2, sample.Total);
        Assert.Equal([1L, 1L], sample.Offsets);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            System.Text.Encoding.UTF8.GetString(query.Output.Records[0].Headers!.GetLast("traceparent")!));
    }

    [Fact]
    public void Interval_join_state_is_dropped_once_the_watermark_passes_the_time_bound()
    {
        var query = InProcessQuery.Create(string.Format(IntervalJoin, "") + " " + InProcess.Sources("market_a", "market_b"));
        for (var i = 0; i < 100; i++)
        {
            query.Push("market_a", $$"""{"symbol":"S{{i}}","price":1,"ts":{{i * 1000}}}""");
            query.Push("market_b", $$"""{"symbol":"S{{i}}","price":2,"ts":{{i * 1000 + 500}}}""");
        }
        Assert.Equal(100, query.Output.Lines.Count);
        // Only rows within 10 s of the watermark (99 s) can still meet a partner.
        Assert.InRange(query.Executor.BufferedJoinRows, 1, 24);
    }
}
