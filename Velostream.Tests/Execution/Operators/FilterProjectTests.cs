using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators;

public sealed class FilterProjectTests
{
    private static readonly string[] Trades =
    [
        """{"symbol":"AAPL","price":150.25,"volume":100,"side":"BUY"}""",
        """{"symbol":"MSFT","price":410.00,"volume":50,"side":"SELL"}""",
        """{"symbol":"GOOG","price":99.5,"volume":null,"side":"BUY"}""",
    ];

    [Fact]
    public void Filter_keeps_rows_where_the_condition_is_true_and_projects_in_select_order()
    {
        var output = InProcess.Run($"SELECT price, symbol FROM trades WHERE price > 100 {InProcess.Sources("trades")}", "trades", Trades);
        Assert.Equal(
        [
            """{"price":150.25,"symbol":"AAPL"}""",
            """{"price":410.00,"symbol":"MSFT"}""",
        ], output);
    }

    [Fact]
    public void Expressions_aliases_and_exact_decimal_arithmetic()
    {
        var output = InProcess.Run(
            $"SELECT symbol, price * volume AS notional, price + 0.10 AS bumped, volume / 3 AS third FROM trades {InProcess.Sources("trades")}",
            "trades", Trades);
        Assert.Equal(
        [
            """{"symbol":"AAPL","notional":15025.00,"bumped":150.35,"third":33.333333333333336}""",
            """{"symbol":"MSFT","notional":20500.00,"bumped":410.10,"third":16.666666666666668}""",
            """{"symbol":"GOOG","notional":null,"bumped":99.60,"third":null}""",
        ], output);
    }

    [Fact]
    public void Null_comparisons_filter_rows_out_and_is_null_finds_them()
    {
        Assert.Equal(["""{"symbol":"GOOG"}"""],
            InProcess.Run($"SELECT symbol FROM trades WHERE volume IS NULL {InProcess.Sources("trades")}", "trades", Trades));
        Assert.Equal(["""{"symbol":"AAPL"}""", """{"symbol":"MSFT"}"""],
            InProcess.Run($"SELECT symbol FROM trades WHERE volume > 0 OR volume < 0 {InProcess.Sources("trades")}", "trades", Trades));
    }

    [Fact]
    public void In_between_like_and_case()
    {
        var output = InProcess.Run(
            $"""
            SELECT symbol,
                   CASE WHEN price >= 400 THEN 'high' WHEN price >= 100 THEN 'mid' ELSE 'low' END AS band,
                   CASE side WHEN 'BUY' THEN 1 ELSE -1 END AS sign
            FROM trades
            WHERE symbol IN ('AAPL', 'GOOG', 'MSFT') AND price BETWEEN 99.5 AND 410 AND symbol NOT LIKE 'G_O%'
            {InProcess.Sources("trades")}
            """, "trades", Trades);
        Assert.Equal(
        [
            """{"symbol":"AAPL","band":"mid","sign":1}""",
            """{"symbol":"MSFT","band":"high","sign":-1}""",
        ], output);
    }

    [Fact]
    public void Select_star_passes_the_json_object_through_and_appends_computed_columns()
    {
        var output = InProcess.Run($"SELECT *, volume * 2 AS double_volume FROM trades WHERE symbol = 'AAPL' {InProcess.Sources("trades")}", "trades", Trades);
        Assert.Equal(["""{"symbol":"AAPL","price":150.25,"volume":100,"side":"BUY","double_volume":200}"""], output);
    }

    [Fact]
    public void Limit_stops_after_n_rows()
    {
        var query = InProcess.RunOneByOne($"SELECT symbol FROM trades LIMIT 2 {InProcess.Sources("trades")}", "trades", Trades);
        Assert.Equal(["""{"symbol":"AAPL"}""", """{"symbol":"MSFT"}"""], query.Output.Lines);
        Assert.True(query.Executor.Done);
    }

    [Fact]
    public void System_columns_read_record_metadata()
    {
        var output = InProcess.Run($"SELECT _offset, _topic, _partition, symbol FROM trades WHERE symbol <> 'AAPL' {InProcess.Sources("trades")}", "trades", Trades);
        Assert.Equal(
        [
            """{"_offset":2,"_topic":"trades","_partition":0,"symbol":"MSFT"}""",
            """{"_offset":3,"_topic":"trades","_partition":0,"symbol":"GOOG"}""",
        ], output);
    }
}
