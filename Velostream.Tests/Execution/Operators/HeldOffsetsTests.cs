using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.InProcess;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators;

/// <summary>
/// Which input offsets open state holds back from the source commit: a record stays held while a
/// window, session or join buffer that depends on it has not emitted its outputs.
/// </summary>
public sealed class HeldOffsetsTests
{
    // 2026-01-05T09:30:00Z
    private const long T0 = 1767605400000;

    private const string Counts = "SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol";

    private static InProcessQuery Query(string sql, params string[] sources) =>
        InProcessQuery.Create($"{sql} {InProcess.Sources(sources.Length == 0 ? ["trades"] : sources)}");

    // One record of a partitioned stream, at a given offset.
    private static void Push(InProcessQuery query, string source, int partition, long offset, string symbol, long ms)
    {
        var batch = new SourceBatch(1);
        ref var r = ref batch.Add();
        r.Value = System.Text.Encoding.UTF8.GetBytes($$"""{"symbol":"{{symbol}}","price":1,"ts":{{T0 + ms}}}""");
        r.Topic = source;
        r.Partition = partition;
        r.Offset = offset;
        r.TimestampMs = -1;
        query.Push(source, batch);
    }

    private static string Held(InProcessQuery query) =>
        string.Join(" | ", query.Executor.HeldOffsets().Select(h =>
            h is null ? "-" : string.Join(",", h.OrderBy(p => p.Key).Select(p => $"{p.Key}@{p.Value}"))));

    [Fact]
    public void Tumbling_emit_final_holds_the_first_offset_per_partition_of_each_open_window_until_it_is_emitted()
    {
        var q = Query($"{Counts} WINDOW TUMBLING(ts, 1s) EMIT FINAL");
        Push(q, "trades", 0, 10, "A", 0);
        Push(q, "trades", 1, 20, "B", 500);
        Push(q, "trades", 0, 11, "A", 900);
        Assert.Equal("0@10,1@20", Held(q));
        Push(q, "trades", 0, 12, "A", 1100); // closes [0s, 1s): its records are released
        Assert.Single(q.Output.Lines, """{"symbol":"A","n":2}""");
        Assert.Equal("0@12", Held(q));
        q.Finish();
        Assert.Equal("-", Held(q));
    }

    [Fact]
    public void A_window_reusing_a_closed_windows_state_holds_only_its_own_offsets()
    {
        var q = Query($"{Counts} WINDOW TUMBLING(ts, 1s) EMIT FINAL");
        Push(q, "trades", 0, 10, "A", 0);
        Push(q, "trades", 1, 20, "B", 500);
        Push(q, "trades", 0, 12, "A", 1100); // closes [0s, 1s): its state is kept for a window to come
        Push(q, "trades", 0, 13, "A", 2100); // [2s, 3s) opens on it; [1s, 2s) closes
        Assert.Equal("0@13", Held(q));
        Assert.Equal(["""{"symbol":"A","n":1}""", """{"symbol":"B","n":1}""", """{"symbol":"A","n":1}"""], q.Output.Lines);
    }

    [Fact]
    public void Sliding_emit_final_holds_a_record_until_the_last_window_containing_it_is_emitted()
    {
        var q = Query($"{Counts} WINDOW SLIDING(ts, 2s, 1s) EMIT FINAL");
        Push(q, "trades", 0, 5, "A", 500);  // in [-1s, 1s) and [0s, 2s)
        Push(q, "trades", 0, 6, "A", 1500); // closes [-1s, 1s); offset 5 is still in [0s, 2s)
        Assert.Equal("0@5", Held(q));
        Push(q, "trades", 0, 7, "A", 2100); // closes [0s, 2s); [1s, 3s) first saw offset 6
        Assert.Equal("0@6", Held(q));
    }

    [Fact]
    public void Session_emit_final_holds_each_open_session_until_it_closes()
    {
        var q = Query($"{Counts} WINDOW SESSION(ts, 1s) EMIT FINAL");
        Push(q, "trades", 0, 1, "A", 0);
        Push(q, "trades", 0, 2, "B", 800);
        Assert.Equal("0@1", Held(q));
        Push(q, "trades", 0, 3, "A", 1500); // closes A's session [0s, 1s); B's lasts until 1.8s
        Assert.Single(q.Output.Lines, """{"symbol":"A","n":1}""");
        Assert.Equal("0@2", Held(q));
    }

    [Fact]
    public void Emit_changes_and_stateless_jobs_hold_nothing_back()
    {
        var changes = Query($"{Counts} WINDOW TUMBLING(ts, 1s) EMIT CHANGES");
        Push(changes, "trades", 0, 1, "A", 0);
        var filter = Query("SELECT symbol FROM trades WHERE price > 0 EMIT CHANGES");
        Push(filter, "trades", 0, 1, "A", 0);
        Assert.Equal(("-", "-"), (Held(changes), Held(filter)));
    }

    [Fact]
    public void Interval_join_holds_buffered_rows_of_each_side_until_they_expire()
    {
        var q = Query("""
            SELECT a.symbol, a.price AS price_a, b.price AS price_b
            FROM market_a a JOIN market_b b
              ON a.symbol = b.symbol AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND
            """, "market_a", "market_b");
        Push(q, "market_a", 0, 1, "AAPL", 1000);
        Push(q, "market_b", 2, 7, "AAPL", 5000);
        Assert.Equal("0@1 | 2@7", Held(q));
        Push(q, "market_a", 0, 2, "MSFT", 30000);
        Push(q, "market_b", 2, 8, "MSFT", 30000); // watermark 30s: the rows at 1s and 5s expire
        Assert.Equal("0@2 | 2@8", Held(q));
    }

    [Fact]
    public void Rows_waiting_for_lead_are_held_until_their_next_row_arrives()
    {
        var q = Query("SELECT symbol, LEAD(price) OVER (PARTITION BY symbol) AS next FROM trades");
        Push(q, "trades", 0, 1, "A", 0);
        Push(q, "trades", 0, 2, "B", 100);
        Assert.Equal("0@1", Held(q));
        Push(q, "trades", 0, 3, "A", 200); // completes A@1; B@2 and A@3 still wait
        Assert.Equal("0@2", Held(q));
    }
}
