using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators.Aggregates;

/// <summary>LISTAGG / STRING_AGG, PERCENTILE_CONT and CORR, per group and per window.</summary>
public sealed class DialectAggregateTests
{
    private static readonly string[] Trades =
    [
        """{"desk":"fx","trader":"ann","qty":10,"px":1.0,"ts":1000}""",
        """{"desk":"fx","trader":"bob","qty":20,"px":2.0,"ts":2000}""",
        """{"desk":"fx","trader":null,"qty":null,"px":3.5,"ts":3000}""",
        """{"desk":"fx","trader":"cy","qty":40,"px":4.0,"ts":11000}""",
        """{"desk":"eq","trader":"dee","qty":5,"px":9.0,"ts":12000}""",
    ];

    private static IReadOnlyList<string> Run(string sql) => InProcess.Run($"{sql} {InProcess.Sources("trades")}", "trades", Trades);

    [Fact]
    public void Listagg_and_string_agg_join_non_null_values_in_arrival_order()
    {
        Assert.Equal(
        [
            """{"desk":"fx","names":"ann,bob,cy","qtys":"10 | 20 | 40"}""",
            """{"desk":"eq","names":"dee","qtys":"5"}""",
        ], Run("SELECT desk, LISTAGG(trader) AS names, STRING_AGG(qty, ' | ') AS qtys FROM trades GROUP BY desk EMIT FINAL"));
    }

    [Fact]
    public void Listagg_distinct_lists_each_value_once_where_it_first_arrived()
    {
        Assert.Equal(
            ["""{"d":"fx,eq"}"""],
            Run("SELECT LISTAGG(DISTINCT desk) AS d FROM trades EMIT FINAL"));
    }

    [Fact]
    public void Percentile_cont_interpolates_between_ranks_in_both_spellings()
    {
        // fx quantities 10, 20, 40: the median is 20, the 0.75 quantile 20 + 0.5 × (40 − 20) = 30.
        Assert.Equal(
        [
            """{"desk":"fx","p50":20,"p75":30,"p0":10}""",
            """{"desk":"eq","p50":5,"p75":5,"p0":5}""",
        ], Run("SELECT desk, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY qty) AS p50, PERCENTILE_CONT(qty, 0.75) AS p75, PERCENTILE_CONT(0) WITHIN GROUP (ORDER BY qty ASC) AS p0 FROM trades GROUP BY desk EMIT FINAL"));
    }

    [Fact]
    public void Corr_is_pearson_over_complete_pairs_and_null_without_variation()
    {
        // fx pairs (qty, px) with both present: (10, 1), (20, 2), (40, 4): perfectly correlated.
        Assert.Equal(
        [
            """{"desk":"fx","c":1,"inverse":-1}""",
            """{"desk":"eq","c":null,"inverse":null}""",
        ], Run("SELECT desk, ROUND(CORR(qty, px), 12) AS c, ROUND(CORR(0 - qty, px), 12) AS inverse FROM trades GROUP BY desk EMIT FINAL"));
    }

    [Fact]
    public void The_new_aggregates_work_per_tumbling_window()
    {
        Assert.Equal(
        [
            """{"ws":"1970-01-01T00:00:00.000Z","names":"ann;bob","p50":15}""",
            """{"ws":"1970-01-01T00:00:10.000Z","names":"cy;dee","p50":22.5}""",
        ], Run("SELECT _window_start AS ws, LISTAGG(trader, ';') AS names, PERCENTILE_CONT(qty, 0.5) AS p50 FROM trades WINDOW TUMBLING(ts, 10s) EMIT FINAL"));
    }

    [Fact]
    public void Session_windows_merge_listagg_in_arrival_order()
    {
        // b arrives last but bridges the two sessions: the merged session lists its values by arrival.
        var output = InProcess.Run("SELECT k, LISTAGG(v, '') AS s FROM t GROUP BY k WINDOW SESSION(ts, 5s) EMIT FINAL "
            + "WITH ('t.type' = 'file_source', 't.path' = 't.jsonl', 'watermark.max_out_of_orderness' = '10s')", "t",
            """{"k":1,"v":"a","ts":0}""", """{"k":1,"v":"c","ts":8000}""", """{"k":1,"v":"b","ts":4000}""");
        Assert.Equal(["""{"k":1,"s":"acb"}"""], output);
    }
}
