using Velostream.Engine.Execution.Operators.Aggregates.States;
using Velostream.Engine.Execution.Operators.RowFunctions;
using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Sql.Logical;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators.RowFunctions;

/// <summary>
/// Aggregates over a RANGE frame with an offset: each arriving row aggregates the rows of its partition
/// that have arrived so far whose ORDER BY value lies within the offset of its own, earlier peers included.
/// </summary>
public sealed class RangeFrameTests
{
    private const string TicksWith = " FROM ticks WITH ('ticks.type' = 'file_source', 'ticks.path' = 'ticks.jsonl', 'ticks.event.time.field' = 'ts')";

    [Fact]
    public void An_interval_range_sums_the_last_minute_of_event_time_with_peers_and_the_boundary_included()
    {
        var output = InProcess.Run(
            "SELECT s, qty, SUM(qty) OVER (PARTITION BY s ORDER BY _event_time RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW) AS last_min" + TicksWith,
            "ticks",
            """{"s":"A","qty":1,"ts":0}""",
            """{"s":"A","qty":2,"ts":30000}""",
            """{"s":"B","qty":100,"ts":30000}""",
            // Exactly one minute after the first row: the first row is on the boundary, inside.
            """{"s":"A","qty":4,"ts":60000}""",
            // A peer of the previous row: both in its frame.
            """{"s":"A","qty":8,"ts":60000}""",
            // The row at 30 s is 60.001 s before this one: outside; the two at 60 s and itself inside.
            """{"s":"A","qty":16,"ts":90001}""");
        Assert.Equal(
        [
            """{"s":"A","qty":1,"last_min":1}""",
            """{"s":"A","qty":2,"last_min":3}""",
            """{"s":"B","qty":100,"last_min":100}""",
            """{"s":"A","qty":4,"last_min":7}""",
            """{"s":"A","qty":8,"last_min":15}""",
            """{"s":"A","qty":16,"last_min":28}""",
        ], output);
    }

    [Fact]
    public void A_numeric_range_over_price_counts_rows_within_the_offset_and_desc_looks_upwards()
    {
        var output = InProcess.Run(
            "SELECT price, COUNT(*) OVER (ORDER BY price RANGE BETWEEN 0.5 PRECEDING AND CURRENT ROW) AS near_below, " +
            "COUNT(*) OVER (ORDER BY price DESC RANGE 0.5 PRECEDING) AS near_above, " +
            "MAX(price) OVER (ORDER BY price RANGE BETWEEN 1 PRECEDING AND 0.25 PRECEDING) AS below_max FROM ticks " + InProcess.Sources("ticks"),
            "ticks",
            """{"price":10.00}""", """{"price":10.50}""", """{"price":10.25}""", """{"price":9.75}""", """{"price":10.75}""");
        Assert.Equal(
        [
            """{"price":10.00,"near_below":1,"near_above":1,"below_max":null}""",
            """{"price":10.50,"near_below":2,"near_above":1,"below_max":10.00}""",
            // 10.25 arrives after 10.50: it sees 10.00 below and 10.50 above it.
            """{"price":10.25,"near_below":2,"near_above":2,"below_max":10.00}""",
            // 9.75 is below the highest price (10.50) by more than 0.5: 10.00 and 10.25 are still held.
            """{"price":9.75,"near_below":1,"near_above":3,"below_max":null}""",
            """{"price":10.75,"near_below":3,"near_above":1,"below_max":10.50}""",
        ], output);
    }

    [Fact]
    public void Rows_below_the_highest_value_by_more_than_the_offset_leave_so_a_late_row_does_not_see_them()
    {
        var output = InProcess.Run(
            "SELECT qty, SUM(qty) OVER (ORDER BY _event_time RANGE BETWEEN 10s PRECEDING AND CURRENT ROW) AS s" + TicksWith,
            "ticks",
            """{"qty":1,"ts":1000}""",
            """{"qty":2,"ts":5000}""",
            // Advances the highest event time to 14 s: the row at 1 s leaves (more than 10 s below).
            """{"qty":4,"ts":14000}""",
            // Out of order: in SQL its frame (−7 s … 3 s) would hold the row at 1 s, which has left.
            """{"qty":8,"ts":3000}""",
            """{"qty":16,"ts":15000}""");
        Assert.Equal(
        [
            """{"qty":1,"s":1}""",
            """{"qty":2,"s":3}""",
            """{"qty":4,"s":6}""",
            """{"qty":8,"s":8}""",
            // 8 (at 3 s) is more than 10 s below 15 s: out of the frame, and no longer held.
            """{"qty":16,"s":22}""",
        ], output);
    }

    [Fact]
    public void A_null_order_value_aggregates_its_row_alone_and_text_fails_that_record_only()
    {
        var q = InProcess.RunOneByOne(
            "SELECT v, SUM(v) OVER (ORDER BY k RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) AS s FROM t " + InProcess.Sources("t"), "t",
            """{"k":1,"v":2}""", """{"k":null,"v":7}""", """{"k":"x","v":1}""", """{"k":3,"v":3}""");
        Assert.Equal(["""{"v":2,"s":2}""", """{"v":7,"s":7}""", """{"v":3,"s":5}"""], q.Output.Lines);
        Assert.Equal(1, q.Stats.RecordsFailed);
    }

    [Fact]
    public void The_rows_held_stay_within_the_offset_of_the_highest_value()
    {
        var rows = new RangeFrameRows();
        var frame = new RangeFrame(100, 0, IsInterval: false);
        for (var i = 0; i < 10_000; i++)
        {
            rows.Push(frame, AggregateFunctions.Create(AggregateKind.Sum), i, SqlValue.FromLong(1));
        }
        // Values 9899 … 9999 are within 100 of 9999.
        Assert.Equal(101, rows.Held);
    }

    [Fact]
    public void The_held_rows_survive_a_changelog_round_trip()
    {
        var frame = new RangeFrame(10, 0, IsInterval: false);
        var rows = new RangeFrameRows();
        foreach (var (order, v) in new[] { (1m, 5L), (4m, 6L), (4m, 7L), (12m, 8L) })
        {
            rows.Push(frame, AggregateFunctions.Create(AggregateKind.Sum), order, SqlValue.FromLong(v));
        }
        var writer = new StateWriter();
        rows.Write(writer);
        var restored = RangeFrameRows.Read(new StateReader(writer.Written.ToArray()));
        Assert.Equal(rows.Held, restored.Held);
        var sum = restored.Push(frame, AggregateFunctions.Create(AggregateKind.Sum), 13m, SqlValue.FromLong(1));
        Assert.Equal(SqlValue.FromLong(22).ToString(), sum.ToString());
    }
}
