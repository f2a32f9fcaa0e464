using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Jobs;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators;

/// <summary>What a job reports as the size of its state (the window and join gauges read this).</summary>
public sealed class StateSizeTests
{
    private const long T0 = 1767605400000;

    private static string Trade(string symbol, long ms) => $$"""{"symbol":"{{symbol}}","price":1,"ts":{{T0 + ms}}}""";

    private static InProcessQuery Query(string window, string extra = "") =>
        InProcessQuery.Create($"SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol {window} EMIT FINAL "
            + InProcess.Sources("trades")[..^1] + extra + ")");

    [Fact]
    public void A_tumbling_window_holds_one_group_per_symbol_until_the_watermark_closes_it()
    {
        var q = Query("WINDOW TUMBLING(ts, 1s)");
        q.Push("trades", Trade("A", 0), Trade("B", 100), Trade("A", 200), Trade("C", 300), Trade("B", 900));
        Assert.Equal(new JobStateSize(3, 1, null), q.Executor.StateSize);

        // 1.5 s closes [0 s, 1 s) and opens [1 s, 2 s) with one key.
        q.Push("trades", Trade("C", 1500));
        Assert.Equal(new JobStateSize(1, 1, null), q.Executor.StateSize);

        q.Finish();
        Assert.Equal(new JobStateSize(0, 0, null), q.Executor.StateSize);
    }

    [Fact]
    public void Sliding_windows_count_a_key_once_in_each_window_it_is_in()
    {
        var q = Query("WINDOW SLIDING(ts, 2s, 1s)", ", 'watermark.max_out_of_orderness' = '10s'");
        // A at 0.5 s is in [-1 s, 1 s) and [0 s, 2 s); B at 1.5 s in [0 s, 2 s) and [1 s, 3 s).
        q.Push("trades", Trade("A", 500), Trade("B", 1500));
        Assert.Equal(new JobStateSize(4, 3, null), q.Executor.StateSize);
    }

    [Fact]
    public void A_session_extended_by_later_rows_is_still_one_open_session()
    {
        var q = Query("WINDOW SESSION(ts, 1s)", ", 'watermark.max_out_of_orderness' = '10s'");
        foreach (var ms in new long[] { 0, 300, 600, 900, 1200 })
        {
            q.Push("trades", Trade("A", ms));
        }
        q.Push("trades", Trade("B", 400));
        Assert.Equal(new JobStateSize(2, 2, null), q.Executor.StateSize);

        q.Finish();
        Assert.Equal(new JobStateSize(0, 0, null), q.Executor.StateSize);
    }

    [Fact]
    public void Two_sessions_bridged_by_a_row_become_one()
    {
        var q = Query("WINDOW SESSION(ts, 1s)", ", 'watermark.max_out_of_orderness' = '10s'");
        q.Push("trades", Trade("A", 0), Trade("A", 1800));
        Assert.Equal(new JobStateSize(2, 2, null), q.Executor.StateSize);

        q.Push("trades", Trade("A", 900));
        Assert.Equal(new JobStateSize(1, 1, null), q.Executor.StateSize);
    }

    [Fact]
    public void A_group_by_without_a_window_holds_its_keys_and_no_windows()
    {
        var q = Query("");
        q.Push("trades", Trade("A", 0), Trade("B", 0), Trade("A", 5000));
        Assert.Equal(new JobStateSize(2, null, null), q.Executor.StateSize);
    }

    [Fact]
    public void An_interval_join_holds_rows_until_the_watermark_passes_their_time_bound()
    {
        var q = InProcessQuery.Create("""
            SELECT a.symbol, a.price AS price_a, b.price AS price_b
            FROM market_a a JOIN market_b b
              ON a.symbol = b.symbol AND b.ts BETWEEN a.ts - INTERVAL '1' SECOND AND a.ts + INTERVAL '1' SECOND
            """ + " " + InProcess.Sources("market_a", "market_b"));
        q.Push("market_a", Trade("A", 0), Trade("B", 100));
        q.Push("market_b", Trade("A", 200));
        Assert.Equal(new JobStateSize(null, null, 3), q.Executor.StateSize);

        q.Finish();
        Assert.Equal(new JobStateSize(null, null, 0), q.Executor.StateSize);
    }

    [Fact]
    public void A_stateless_query_holds_nothing()
    {
        var q = InProcessQuery.Create("SELECT symbol FROM trades " + InProcess.Sources("trades"));
        q.Push("trades", Trade("A", 0));
        Assert.True(q.Executor.StateSize.IsEmpty);
    }
}
