using Velostream.Tests.Support;

namespace Velostream.Tests.Acceptance;

/// <summary>
/// <c>run</c> as a user meets it: SQL application files over file sources and sinks, with exact
/// output files, exit codes and the closing summary.
/// </summary>
public sealed class RunContractTests
{
    private const string Ticks = """
        {"symbol":"AAPL","price":150.25,"volume":100,"ts":1767605400000}
        {"symbol":"MSFT","price":300.10,"volume":200,"ts":"2026-01-05T09:30:00.500Z"}
        {"symbol":"AAPL","price":151.75,"volume":50,"ts":"2026-01-05T10:30:01.200+01:00"}
        {"symbol":"AAPL","price":149.00,"volume":70,"ts":1767605402100}

        """;

    [Fact]
    public void End_of_a_bounded_file_closes_every_window_and_timestamps_and_decimals_keep_their_format()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("data"));
        dir.Write("data/ticks.jsonl", Ticks);
        var sql = dir.Write("app.sql", """
            -- @app: candles
            CREATE STREAM candles AS
            SELECT symbol, _window_start, TUMBLE_END(_event_time, INTERVAL '1' SECOND) AS bucket_end,
                   COUNT(*) AS n, SUM(price) AS total, AVG(price) AS mean, NULL AS nothing
            FROM ticks
            WINDOW TUMBLING(ts, 1s)
            GROUP BY symbol
            EMIT FINAL
            WITH ('ticks.type' = 'file_source', 'ticks.path' = 'data/ticks.jsonl',
                  'candles.type' = 'file_sink', 'candles.path' = 'out/candles.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            {"symbol":"AAPL","_window_start":"2026-01-05T09:30:00.000Z","bucket_end":"2026-01-05T09:30:01.000Z","n":1,"total":150.25,"mean":150.25,"nothing":null}
            {"symbol":"MSFT","_window_start":"2026-01-05T09:30:00.000Z","bucket_end":"2026-01-05T09:30:01.000Z","n":1,"total":300.10,"mean":300.10,"nothing":null}
            {"symbol":"AAPL","_window_start":"2026-01-05T09:30:01.000Z","bucket_end":"2026-01-05T09:30:02.000Z","n":1,"total":151.75,"mean":151.75,"nothing":null}
            {"symbol":"AAPL","_window_start":"2026-01-05T09:30:02.000Z","bucket_end":"2026-01-05T09:30:03.000Z","n":1,"total":149.00,"mean":149.00,"nothing":null}

            """, dir.Read("out/candles.jsonl"));
        Assert.Equal("job candles: in=4 out=4 failed=0 late=0\n", result.Errors.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Csv_in_and_out_with_a_header_row_and_a_group_by_without_window_emits_one_row_per_group_at_the_end()
    {
        using var dir = new TempFolder();
        dir.Write("trades.csv", "symbol,price,qty\nAAPL,10.50,2\n\"MSFT, Corp\",20.25,1\nAAPL,11.00,3\n");
        dir.Write("totals.csv", "stale content that the sink overwrites\n");
        var sql = dir.Write("app.sql", """
            CREATE STREAM totals AS
            SELECT symbol, COUNT(*) AS trades, SUM(price * qty) AS notional
            FROM trades GROUP BY symbol EMIT FINAL
            WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.csv', 'trades.format' = 'csv',
                  'totals.type' = 'file_sink', 'totals.path' = 'totals.csv', 'totals.format' = 'csv');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("symbol,trades,notional\nAAPL,2,54.00\n\"MSFT, Corp\",1,20.25\n", dir.Read("totals.csv").ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Emit_changes_without_a_window_writes_the_group_s_updated_row_after_every_record()
    {
        using var dir = new TempFolder();
        dir.Write("ticks.jsonl", Ticks);
        var sql = dir.Write("app.sql", """
            CREATE STREAM running AS
            SELECT symbol, COUNT(*) AS n, SUM(volume) AS volume FROM ticks GROUP BY symbol EMIT CHANGES
            WITH ('ticks.type' = 'file_source', 'ticks.path' = 'ticks.jsonl', 'running.type' = 'file_sink', 'running.path' = 'running.jsonl');
            """);

        Assert.Equal(0, RunResult.Of(sql).ExitCode);
        Assert.Equal("""
            {"symbol":"AAPL","n":1,"volume":100}
            {"symbol":"MSFT","n":1,"volume":200}
            {"symbol":"AAPL","n":2,"volume":150}
            {"symbol":"AAPL","n":3,"volume":220}

            """, dir.Read("running.jsonl"));
    }

    [Fact]
    public void A_file_on_the_right_of_a_join_is_a_table_loaded_whole_before_the_stream_starts()
    {
        using var dir = new TempFolder();
        dir.Write("ticks.jsonl", Ticks);
        // AAPL's row is the table's last: the stream's first record still finds it.
        dir.Write("instruments.csv", "symbol,name\nIBM,International Business Machines\nAAPL,Apple Inc\n");
        var sql = dir.Write("app.sql", """
            CREATE STREAM enriched AS
            SELECT t.symbol, t.price, i.name
            FROM ticks t LEFT JOIN instruments i ON t.symbol = i.symbol
            WITH ('ticks.type' = 'file_source', 'ticks.path' = 'ticks.jsonl',
                  'instruments.type' = 'file_source', 'instruments.path' = 'instruments.csv', 'instruments.format' = 'csv',
                  'enriched.type' = 'file_sink', 'enriched.path' = 'enriched.jsonl');
            """);

        Assert.Equal(0, RunResult.Of(sql).ExitCode);
        Assert.Equal("""
            {"symbol":"AAPL","price":150.25,"name":"Apple Inc"}
            {"symbol":"MSFT","price":300.10,"name":null}
            {"symbol":"AAPL","price":151.75,"name":"Apple Inc"}
            {"symbol":"AAPL","price":149.00,"name":"Apple Inc"}

            """, dir.Read("enriched.jsonl"));
    }

    [Fact]
    public void Bad_records_go_to_the_dead_letter_file_with_their_reason_and_good_neighbours_are_kept()
    {
        using var dir = new TempFolder();
        dir.Write("orders.jsonl", """
            {"id":1,"amount":10,"qty":2}
            {"id":2,"amount":"ten","qty":2}
            not json
            {"id":4,"amount":5,"qty":0}
            {"id":5,"amount":9,"qty":3}

            """);
        var sql = dir.Write("app.sql", """
            -- @name: prices
            CREATE STREAM unit_prices AS SELECT id, amount / qty AS unit FROM orders
            WITH ('orders.type' = 'file_source', 'orders.path' = 'orders.jsonl',
                  'unit_prices.type' = 'file_sink', 'unit_prices.path' = 'unit_prices.jsonl',
                  'failure.strategy' = 'dead_letter', 'prices.dlq.path' = 'dlq.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"id\":1,\"unit\":5}\n{\"id\":5,\"unit\":3}\n", dir.Read("unit_prices.jsonl"));
        Assert.Equal("""
            {"job":"prices","source":"orders","line":2,"error_type":"evaluation_error","reason":"cannot apply '/' to VARCHAR and BIGINT","record":"{\"id\":2,\"amount\":\"ten\",\"qty\":2}"}
            {"job":"prices","source":"orders","line":3,"error_type":"decode_error","reason":"invalid JSON: 'not json' is an invalid JSON literal. Expected the literal 'null'. (at byte 1)","record":"not json"}
            {"job":"prices","source":"orders","line":4,"error_type":"evaluation_error","reason":"division by zero","record":"{\"id\":4,\"amount\":5,\"qty\":0}"}

            """, dir.Read("dlq.jsonl"));
        Assert.Equal("job prices: in=5 out=2 failed=3 late=0\n", result.Errors.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Failure_strategy_fail_stops_the_job_at_the_first_bad_record_and_run_exits_1()
    {
        using var dir = new TempFolder();
        dir.Write("orders.jsonl", "{\"id\":1,\"qty\":2}\n{\"id\":2,\"qty\":0}\n{\"id\":3,\"qty\":1}\n");
        var sql = dir.Write("app.sql", """
            CREATE STREAM inverse AS SELECT id, 10 / qty AS x FROM orders
            WITH ('orders.type' = 'file_source', 'orders.path' = 'orders.jsonl',
                  'inverse.type' = 'file_sink', 'inverse.path' = 'inverse.jsonl', 'failure.strategy' = 'fail');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("{\"id\":1,\"x\":5}\n", dir.Read("inverse.jsonl"));
        Assert.Equal(
            "job inverse: orders line 2: division by zero (failure.strategy = fail: stopping)\n" +
            "job inverse: error: orders line 2: division by zero\n" +
            "job inverse: in=2 out=1 failed=1 late=0\n",
            result.Errors.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Late_records_are_counted_and_written_as_dead_letters_when_asked()
    {
        using var dir = new TempFolder();
        dir.Write("ticks.jsonl", """
            {"s":"A","ts":1000}
            {"s":"A","ts":7000}
            {"s":"A","ts":3500}
            {"s":"A","ts":6000}

            """);
        var sql = dir.Write("app.sql", """
            -- @name: counts
            CREATE STREAM counts AS SELECT s, _window_start, COUNT(*) AS n FROM ticks
            WINDOW TUMBLING(ts, 5s) GROUP BY s EMIT FINAL
            WITH ('ticks.type' = 'file_source', 'ticks.path' = 'ticks.jsonl', 'counts.type' = 'file_sink', 'counts.path' = 'counts.jsonl',
                  'watermark.max_out_of_orderness' = '1s', 'late.data.strategy' = 'dead_letter', 'counts.dlq.path' = 'late.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            {"s":"A","_window_start":"1970-01-01T00:00:00.000Z","n":1}
            {"s":"A","_window_start":"1970-01-01T00:00:05.000Z","n":2}

            """, dir.Read("counts.jsonl"));
        Assert.Equal(
            "{\"job\":\"counts\",\"source\":\"ticks\",\"line\":3,\"error_type\":\"late_record\",\"reason\":\"late record: its window closed (watermark 1970-01-01T00:00:06.000Z)\",\"record\":\"{\\\"s\\\":\\\"A\\\",\\\"ts\\\":3500}\"}\n",
            dir.Read("late.jsonl"));
        Assert.Equal("job counts: in=4 out=2 failed=0 late=1\n", result.Errors.ReplaceLineEndings("\n"));
    }
}
