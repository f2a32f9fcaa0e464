using Velostream.Tests.Support;

namespace Velostream.Tests.Cli;

public sealed class RunCommandTests
{
    private const string Trades = """
        {"symbol":"AAPL","price":150.10,"volume":100,"ts":"2026-01-05T09:30:00.100Z"}
        {"symbol":"MSFT","price":410.00,"volume":50,"ts":"2026-01-05T09:30:00.500Z"}
        {"symbol":"AAPL","price":150.30,"volume":200,"ts":"2026-01-05T09:30:00.900Z"}
        {"symbol":"AAPL","price":149.90,"volume":150,"ts":"2026-01-05T09:30:01.200Z"}

        """;

    private const string Poisoned = """
        {"symbol":"AAPL","price":150.10}
        {"symbol":"MSFT","price":
        {"symbol":"GOOG","price":"n/a"}
        {"symbol":"XOM","price":110.50}

        """;

    private static string App(string statement) => $"""
        -- @app: trading
        -- @version: 1.0
        {statement};
        """;

    [Fact]
    public void Runs_a_windowed_job_to_the_end_of_its_file_and_prints_the_summary()
    {
        using var dir = new TempFolder();
        dir.Write("trades.jsonl", Trades);
        var sql = dir.Write("app.sql", App("""
            -- @name: ohlc
            CREATE STREAM ohlc AS
            SELECT symbol, FIRST_VALUE(price) AS open, MAX(price) AS high, MIN(price) AS low, LAST_VALUE(price) AS close,
                   SUM(volume) AS volume, _window_start AS window_start
            FROM trades
            GROUP BY symbol
            WINDOW TUMBLING(ts, 1s)
            EMIT FINAL
            WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.jsonl',
                  'ohlc.type' = 'file_sink', 'ohlc.path' = 'out/ohlc.jsonl')
            """));
        var result = RunResult.Of(sql);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            {"symbol":"AAPL","open":150.10,"high":150.30,"low":150.10,"close":150.30,"volume":300,"window_start":"2026-01-05T09:30:00.000Z"}
            {"symbol":"MSFT","open":410.00,"high":410.00,"low":410.00,"close":410.00,"volume":50,"window_start":"2026-01-05T09:30:00.000Z"}
            {"symbol":"AAPL","open":149.90,"high":149.90,"low":149.90,"close":149.90,"volume":150,"window_start":"2026-01-05T09:30:01.000Z"}

            """, dir.Read("out/ohlc.jsonl"));
        Assert.Equal("job ohlc: in=4 out=3 failed=0 late=0\n", result.Errors);
        Assert.Equal("", result.Data);
    }

    [Fact]
    public void A_bare_select_writes_json_lines_to_standard_output()
    {
        using var dir = new TempFolder();
        dir.Write("trades.jsonl", Trades);
        var sql = dir.Write("app.sql", App("SELECT symbol, price FROM trades WHERE price > 400 WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.jsonl')"));
        var result = RunResult.Of(sql);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"symbol\":\"MSFT\",\"price\":410.00}\n", result.Data);
        Assert.Equal("job select_1: in=4 out=1 failed=0 late=0\n", result.Errors);
    }

    [Fact]
    public void Poison_lines_are_logged_counted_and_skipped_while_every_good_record_is_written()
    {
        using var dir = new TempFolder();
        dir.Write("in.jsonl", Poisoned);
        var sql = dir.Write("app.sql", App("""
            CREATE STREAM cheap AS SELECT symbol, price * 2 AS doubled FROM trades
            WITH ('trades.type' = 'file_source', 'trades.path' = 'in.jsonl', 'cheap.type' = 'file_sink', 'cheap.path' = 'out.jsonl')
            """));
        var result = RunResult.Of(sql);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"symbol\":\"AAPL\",\"doubled\":300.20}\n{\"symbol\":\"XOM\",\"doubled\":221.00}\n", dir.Read("out.jsonl"));
        var lines = result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("job cheap: trades line 2: invalid JSON: ", lines[0]);
        Assert.Equal("job cheap: trades line 3: cannot apply '*' to VARCHAR and BIGINT", lines[1]);
        Assert.Equal("job cheap: in=4 out=2 failed=2 late=0", lines[2]);
    }

    [Fact]
    public void Dead_letter_strategy_writes_each_bad_record_with_its_reason_to_the_dlq_file()
    {
        using var dir = new TempFolder();
        dir.Write("in.jsonl", Poisoned);
        var sql = dir.Write("app.sql", App("""
            CREATE STREAM cheap AS SELECT symbol, price * 2 AS doubled FROM trades
            WITH ('trades.type' = 'file_source', 'trades.path' = 'in.jsonl', 'cheap.type' = 'file_sink', 'cheap.path' = 'out.jsonl',
                  'failure.strategy' = 'dead_letter', 'cheap.dlq.path' = 'dlq/cheap.jsonl')
            """));
        var result = RunResult.Of(sql);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, dir.Read("out.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var dlq = dir.Read("dlq/cheap.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, dlq.Length);
        Assert.StartsWith("""{"job":"cheap","source":"trades","line":2,"error_type":"decode_error","reason":"invalid JSON: """, dlq[0]);
        Assert.EndsWith(""","record":"{\"symbol\":\"MSFT\",\"price\":"}""", dlq[0]);
        Assert.Equal("""{"job":"cheap","source":"trades","line":3,"error_type":"evaluation_error","reason":"cannot apply '*' to VARCHAR and BIGINT","record":"{\"symbol\":\"GOOG\",\"price\":\"n/a\"}"}""", dlq[1]);
        Assert.Equal("job cheap: in=4 out=2 failed=2 late=0\n", result.Errors);
    }

    [Fact]
    public void Fail_strategy_stops_at_the_first_bad_record_with_exit_1_keeping_earlier_outputs()
    {
        using var dir = new TempFolder();
        dir.Write("in.jsonl", Poisoned);
        var sql = dir.Write("app.sql", App("""
            CREATE STREAM cheap AS SELECT symbol FROM trades
            WITH ('trades.type' = 'file_source', 'trades.path' = 'in.jsonl', 'cheap.type' = 'file_sink', 'cheap.path' = 'out.jsonl',
                  'failure.strategy' = 'fail')
            """));
        var result = RunResult.Of(sql);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("{\"symbol\":\"AAPL\"}\n", dir.Read("out.jsonl"));
        var lines = result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("job cheap: trades line 2: invalid JSON: ", lines[0]);
        Assert.EndsWith("(failure.strategy = fail: stopping)", lines[0]);
        Assert.StartsWith("job cheap: error: trades line 2: invalid JSON: ", lines[1]);
        Assert.Equal("job cheap: in=2 out=1 failed=1 late=0", lines[2]);
    }

    [Fact]
    public void Invalid_sql_prints_located_errors_like_validate_and_exits_2()
    {
        using var dir = new TempFolder();
        var sql = dir.Write("app.sql", "SELECT symbl, FOO(price) FROM trades WITH ('trades.type' = 'file_source', 'trades.path' = 'x.jsonl');\n");
        var result = RunResult.Of(sql);
        var validate = new StringWriter();
        Velostream.Engine.Cli.ValidateCommand.Run([sql], validate);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{sql}:1:15: error: ", result.Output);
        Assert.Equal(validate.ToString(), result.Output);
        Assert.Equal("", result.Errors);
    }

    [Fact]
    public void A_missing_input_file_is_a_runtime_failure_with_exit_1()
    {
        using var dir = new TempFolder();
        var sql = dir.Write("app.sql", App("""
            CREATE STREAM s AS SELECT a FROM t
            WITH ('t.type' = 'file_source', 't.path' = 'missing.jsonl', 's.type' = 'file_sink', 's.path' = 'out.jsonl')
            """));
        var result = RunResult.Of(sql);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"job s: error: source 't': file not found: {dir.File("missing.jsonl")}\njob s: in=0 out=0 failed=0 late=0\n", result.Errors);
    }

    [Fact]
    public void Csv_in_csv_out_with_a_stream_table_join_and_every_job_running()
    {
        using var dir = new TempFolder();
        dir.Write("trades.csv", "symbol,price,qty\nAAPL,150.10,10\nTSLA,250.00,5\n\"XOM\",110.50,7\n");
        dir.Write("ref.csv", "symbol,name\nAAPL,\"Apple, Inc.\"\nXOM,Exxon\n");
        var sql = dir.Write("app.sql", """
            -- @app: csv
            CREATE STREAM enriched AS
            SELECT t.symbol, r.name, t.price * t.qty AS notional
            FROM trades t LEFT JOIN ref r ON t.symbol = r.symbol
            WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.csv', 'trades.format' = 'csv',
                  'ref.type' = 'file_source', 'ref.path' = 'ref.csv', 'ref.format' = 'csv',
                  'enriched.type' = 'file_sink', 'enriched.path' = 'enriched.csv', 'enriched.format' = 'csv');

            CREATE STREAM totals AS
            SELECT COUNT(*) AS trades, SUM(qty) AS qty FROM trades GROUP BY 1 = 1 EMIT FINAL
            WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.csv', 'trades.format' = 'csv',
                  'totals.type' = 'file_sink', 'totals.path' = 'totals.jsonl');
            """);
        var result = RunResult.Of(sql);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("symbol,name,notional\nAAPL,\"Apple, Inc.\",1501.00\nTSLA,,1250.00\nXOM,Exxon,773.50\n", dir.Read("enriched.csv"));
        Assert.Equal("{\"trades\":3,\"qty\":22}\n", dir.Read("totals.jsonl"));
        Assert.Equal("job enriched: in=3 out=3 failed=0 late=0\njob totals: in=3 out=1 failed=0 late=0\n", result.Errors);
    }

    [Fact]
    public void A_missing_sql_file_is_invalid_input()
    {
        var result = RunResult.Of("/nonexistent/app.sql");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("/nonexistent/app.sql: error: file not found\n", result.Output);
    }

    [Fact]
    public void Order_by_sorts_bounded_results_before_limit_and_each_closing_window()
    {
        using var dir = new TempFolder();
        dir.Write("trades.jsonl", Trades);
        var sql = dir.Write("app.sql", App("""
            SELECT symbol, price FROM trades ORDER BY price DESC LIMIT 2
            WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.jsonl');

            CREATE STREAM volumes AS
            SELECT symbol, SUM(volume) AS volume FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL ORDER BY volume
            WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.jsonl', 'volumes.type' = 'file_sink', 'volumes.path' = 'volumes.jsonl')
            """));
        var result = RunResult.Of(sql);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"symbol\":\"MSFT\",\"price\":410.00}\n{\"symbol\":\"AAPL\",\"price\":150.30}\n", result.Data);
        Assert.Equal("""
            {"symbol":"MSFT","volume":50}
            {"symbol":"AAPL","volume":300}
            {"symbol":"AAPL","volume":150}

            """, dir.Read("volumes.jsonl"));
    }
    [Fact]
    public void An_unknown_flag_is_named()
    {
        var errors = new StringWriter { NewLine = "\n" };

        var exit = Velostream.Engine.Cli.RunCommand.Run(["good.sql", "--bogus-flag"], new MemoryStream(), new StringWriter(), errors,
            Velostream.Engine.Connectors.ConnectorRegistry.CreateDefault(Velostream.Engine.Telemetry.VelostreamTelemetry.Default), CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Equal("run: unknown option '--bogus-flag'\nusage: Velostream.Engine run <app.sql>\n", errors.ToString());
    }
}
