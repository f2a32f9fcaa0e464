using Velostream.Engine.Execution.InProcess;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators.Windows;

/// <summary>
/// <c>'late.data.strategy'</c> = <c>update_previous</c> (a closed window takes a late row while it
/// closed less than one window size ago, and its corrected row is written again) and
/// <c>include_in_next_window</c> (the window open at the watermark takes it).
/// </summary>
public sealed class LateDataStrategyTests
{
    // 2026-01-05T09:30:00Z
    private const long T0 = 1767605400000;

    private static string Trade(long ms, int qty) => $$"""{"symbol":"A","qty":{{qty}},"ts":{{T0 + ms}}}""";

    private static InProcessQuery Run(string window, string emit, string strategy, params string[] lines) =>
        InProcess.RunOneByOne(
            $"SELECT symbol, COUNT(*) AS n, SUM(qty) AS q, _window_start AS ws FROM trades GROUP BY symbol WINDOW {window} {emit} " +
            $"WITH ('trades.type' = 'file_source', 'trades.path' = 't.jsonl', 'trades.event.time.field' = 'ts', 'late.data.strategy' = '{strategy}')",
            "trades", lines);

    private static string Row(int n, int q, long windowStartMs) =>
        $$"""{"symbol":"A","n":{{n}},"q":{{q}},"ws":"{{DateTimeOffset.FromUnixTimeMilliseconds(T0 + windowStartMs):yyyy-MM-ddTHH:mm:ss.fff}}Z"}""";

    [Fact]
    public void Update_previous_folds_a_late_row_into_its_closed_window_and_writes_the_corrected_row()
    {
        // 1500 closes [0, 1s); 400 is late for it but within one window size: the window is updated.
        var q = Run("TUMBLING(ts, 1s)", "EMIT FINAL", "update_previous", Trade(100, 1), Trade(1500, 2), Trade(400, 4), Trade(2100, 8));
        Assert.Equal([Row(1, 1, 0), Row(2, 5, 0), Row(1, 2, 1000), Row(1, 8, 2000)], q.Output.Lines);
        Assert.Equal(0, q.Stats.RecordsLate);
    }

    [Fact]
    public void Update_previous_drops_rows_older_than_one_window_size_past_their_windows_end()
    {
        // At watermark 2100, [0, 1s) ended 1.1 s ago: more than its size, so 300 is late and dropped.
        var q = Run("TUMBLING(ts, 1s)", "EMIT FINAL", "update_previous", Trade(100, 1), Trade(2100, 2), Trade(300, 4));
        Assert.Equal([Row(1, 1, 0), Row(1, 2, 2000)], q.Output.Lines);
        Assert.Equal(1, q.Stats.RecordsLate);
    }

    [Fact]
    public void Update_previous_updates_every_closed_sliding_window_the_row_belongs_to()
    {
        // Windows of 2 s every 1 s; at watermark 2500 both windows of a row at 500, [-1s, 1s) and [0, 2s), have closed
        // less than 2 s ago: it updates both.
        var q = Run("SLIDING(ts, 2s, 1s)", "EMIT CHANGES", "update_previous", Trade(200, 1), Trade(2500, 2), Trade(500, 4));
        Assert.Equal(
        [
            Row(1, 1, -1000), Row(1, 1, 0),
            Row(1, 2, 1000), Row(1, 2, 2000),
            Row(2, 5, -1000), Row(2, 5, 0),
        ], q.Output.Lines);
    }

    [Fact]
    public void Include_in_next_window_counts_a_late_row_in_the_window_open_at_the_watermark()
    {
        var q = Run("TUMBLING(ts, 1s)", "EMIT FINAL", "include_in_next_window", Trade(100, 1), Trade(1500, 2), Trade(400, 4), Trade(2100, 8));
        Assert.Equal([Row(1, 1, 0), Row(2, 6, 1000), Row(1, 8, 2000)], q.Output.Lines);
        Assert.Equal(0, q.Stats.RecordsLate);
    }

    [Fact]
    public void Drop_stays_the_default()
    {
        var q = Run("TUMBLING(ts, 1s)", "EMIT FINAL", "drop", Trade(100, 1), Trade(1500, 2), Trade(400, 4));
        Assert.Equal([Row(1, 1, 0), Row(1, 2, 1000)], q.Output.Lines);
        Assert.Equal(1, q.Stats.RecordsLate);
    }
}
