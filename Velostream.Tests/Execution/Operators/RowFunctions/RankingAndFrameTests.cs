using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators.RowFunctions;

/// <summary>Ranking functions and aggregates over rows: each record gets its value when it arrives, from its partition's buffered rows.</summary>
public sealed class RankingAndFrameTests
{
    private static readonly string[] Ticks =
    [
        """{"symbol":"A","price":10,"volume":5}""",
        """{"symbol":"A","price":12,"volume":7}""",
        """{"symbol":"B","price":50,"volume":1}""",
        """{"symbol":"A","price":12,"volume":3}""",
        """{"symbol":"A","price":11,"volume":9}""",
        """{"symbol":"A","price":9,"volume":2}""",
    ];

    private static IReadOnlyList<string> Run(string select) =>
        InProcess.Run($"SELECT {select} FROM ticks {InProcess.Sources("ticks")}", "ticks", Ticks);

    [Fact]
    public void Ranks_place_each_arriving_row_among_the_rows_of_its_partition_so_far()
    {
        var output = Run(
            "symbol, price, " +
            "RANK() OVER (PARTITION BY symbol ORDER BY price DESC) AS r, " +
            "DENSE_RANK() OVER (PARTITION BY symbol ORDER BY price DESC) AS dr, " +
            "ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY price DESC) AS rn, " +
            "PERCENT_RANK() OVER (PARTITION BY symbol ORDER BY price) AS pr");
        Assert.Equal(
        [
            """{"symbol":"A","price":10,"r":1,"dr":1,"rn":1,"pr":0}""",
            """{"symbol":"A","price":12,"r":1,"dr":1,"rn":1,"pr":1}""",
            """{"symbol":"B","price":50,"r":1,"dr":1,"rn":1,"pr":0}""",
            // 12 ties the earlier 12: same rank, and ROW_NUMBER puts it after the tie.
            """{"symbol":"A","price":12,"r":1,"dr":1,"rn":2,"pr":0.5}""",
            """{"symbol":"A","price":11,"r":3,"dr":2,"rn":3,"pr":0.3333333333333333}""",
            """{"symbol":"A","price":9,"r":5,"dr":4,"rn":5,"pr":0}""",
        ], output);
    }

    [Fact]
    public void A_buffer_ranks_among_the_last_n_rows_only()
    {
        var output = Run("price, RANK() OVER (ROWS WINDOW BUFFER 2 ROWS PARTITION BY symbol ORDER BY price) AS r, " +
                         "PERCENT_RANK() OVER (ROWS WINDOW BUFFER 3 ROWS PARTITION BY symbol ORDER BY price) AS pr");
        Assert.Equal(
        [
            """{"price":10,"r":1,"pr":0}""",
            """{"price":12,"r":2,"pr":1}""",
            """{"price":50,"r":1,"pr":0}""",
            """{"price":12,"r":1,"pr":0.5}""",
            """{"price":11,"r":1,"pr":0}""",
            """{"price":9,"r":1,"pr":0}""",
        ], output);
    }

    [Fact]
    public void Rows_between_n_preceding_and_current_row_averages_a_moving_frame()
    {
        var output = Run("symbol, " +
            "SUM(volume) OVER (PARTITION BY symbol ORDER BY _event_time ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s2, " +
            "MAX(price) OVER (PARTITION BY symbol ORDER BY _event_time ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING) AS prev_high, " +
            "COUNT(*) OVER (PARTITION BY symbol ORDER BY _event_time ROWS UNBOUNDED PRECEDING) AS n, " +
            "AVG(volume) OVER (ROWS WINDOW BUFFER 3 ROWS PARTITION BY symbol ORDER BY _event_time) AS avg3");
        Assert.Equal(
        [
            """{"symbol":"A","s2":5,"prev_high":null,"n":1,"avg3":5}""",
            """{"symbol":"A","s2":12,"prev_high":10,"n":2,"avg3":6}""",
            """{"symbol":"B","s2":1,"prev_high":null,"n":1,"avg3":1}""",
            """{"symbol":"A","s2":10,"prev_high":12,"n":3,"avg3":5}""",
            """{"symbol":"A","s2":12,"prev_high":12,"n":4,"avg3":6.333333333333333}""",
            """{"symbol":"A","s2":11,"prev_high":12,"n":5,"avg3":4.666666666666667}""",
        ], output);
    }

    [Fact]
    public void Without_a_buffer_or_frame_an_aggregate_over_rows_runs_over_the_whole_partition()
    {
        var output = Run("symbol, SUM(volume) OVER (PARTITION BY symbol) AS running, STDDEV_POP(price) OVER (PARTITION BY symbol) AS sd");
        Assert.Equal(
        [
            """{"symbol":"A","running":5,"sd":0}""",
            """{"symbol":"A","running":12,"sd":1}""",
            """{"symbol":"B","running":1,"sd":0}""",
            """{"symbol":"A","running":15,"sd":0.9428090415820634}""",
            """{"symbol":"A","running":24,"sd":0.82915619758885}""",
            """{"symbol":"A","running":26,"sd":1.1661903789690602}""",
        ], output);
    }

    [Fact]
    public void Over_next_to_group_by_shows_the_value_at_the_groups_last_row()
    {
        var output = InProcess.Run(
            "SELECT symbol, COUNT(*) AS n, MAX(volume) AS top, " +
            "AVG(volume) OVER (ROWS WINDOW BUFFER 2 ROWS PARTITION BY symbol ORDER BY _event_time) AS recent_avg, " +
            "PERCENT_RANK() OVER (PARTITION BY symbol ORDER BY volume) AS volume_rank " +
            $"FROM ticks GROUP BY symbol EMIT FINAL {InProcess.Sources("ticks")}",
            "ticks", Ticks);
        Assert.Equal(
        [
            // A's last row (volume 2) averages with 9 and ranks lowest of its five.
            """{"symbol":"A","n":5,"top":9,"recent_avg":5.5,"volume_rank":0}""",
            """{"symbol":"B","n":1,"top":1,"recent_avg":1,"volume_rank":0}""",
        ], output);
    }

    [Fact]
    public void A_sum_over_rows_of_text_fails_that_record_only()
    {
        var q = InProcess.RunOneByOne($"SELECT v, SUM(v) OVER (PARTITION BY k) AS s FROM t {InProcess.Sources("t")}", "t",
            """{"k":1,"v":2}""", """{"k":1,"v":"x"}""", """{"k":1,"v":3}""");
        Assert.Equal(["""{"v":2,"s":2}""", """{"v":3,"s":5}"""], q.Output.Lines);
        Assert.Equal(1, q.Stats.RecordsFailed);
    }
}
