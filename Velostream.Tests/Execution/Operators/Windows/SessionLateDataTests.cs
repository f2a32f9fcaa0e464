using Velostream.Engine.Execution.InProcess;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators.Windows;

/// <summary>
/// <c>'late.data.strategy'</c> = <c>update_previous</c> on session windows: a closed session is kept for
/// one gap after the watermark passes its end; a late row that falls into it extends it and writes the
/// corrected row again; a late row that bridges sessions merges them, and the rows already written for
/// the merged-away ones stay written.
/// </summary>
public sealed class SessionLateDataTests
{
    // 2026-01-05T09:30:00Z
    private const long T0 = 1767605400000;

    private static string Trade(long ms, int qty, string symbol = "A") => $$"""{"symbol":"{{symbol}}","qty":{{qty}},"ts":{{T0 + ms}}}""";

    private static InProcessQuery Run(string emit, string strategy, params string[] lines) =>
        InProcess.RunOneByOne(
            $"SELECT symbol, COUNT(*) AS n, SUM(qty) AS q, _window_start AS ws, _window_end AS we FROM trades GROUP BY symbol WINDOW SESSION(ts, 1s) {emit} " +
            $"WITH ('trades.type' = 'file_source', 'trades.path' = 't.jsonl', 'trades.event.time.field' = 'ts', 'late.data.strategy' = '{strategy}')",
            "trades", lines);

    private static string Row(int n, int q, long startMs, long endMs, string symbol = "A") =>
        $$"""{"symbol":"{{symbol}}","n":{{n}},"q":{{q}},"ws":"{{Iso(startMs)}}","we":"{{Iso(endMs)}}"}""";

    private static string Iso(long ms) => $"{DateTimeOffset.FromUnixTimeMilliseconds(T0 + ms):yyyy-MM-ddTHH:mm:ss.fff}Z";

    [Fact]
    public void A_late_row_inside_a_closed_session_extends_it_and_writes_the_corrected_session()
    {
        // 2000 closes [0, 1.4s) (kept until the watermark reaches 2.4 s); 200 falls inside it: written again.
        var q = Run("EMIT FINAL", "update_previous", Trade(0, 1), Trade(400, 2), Trade(2000, 4), Trade(200, 8), Trade(4000, 16));
        Assert.Equal(
        [
            Row(2, 3, 0, 1400),
            Row(3, 11, 0, 1400),
            Row(1, 4, 2000, 3000),
            Row(1, 16, 4000, 5000),
        ], q.Output.Lines);
        Assert.Equal(0, q.Stats.RecordsLate);
    }

    [Fact]
    public void A_late_row_that_bridges_a_closed_and_an_open_session_merges_them_and_leaves_the_closed_ones_row()
    {
        // [0, 1s) closes at watermark 1200; 500 is within 1 s of it and of the open [1.2s, 2.2s): one session
        // [0, 2.2s), written when it closes; the row written for [0, 1s) stays.
        var q = Run("EMIT FINAL", "update_previous", Trade(0, 1), Trade(1200, 2), Trade(500, 4), Trade(4000, 8));
        Assert.Equal([Row(1, 1, 0, 1000), Row(3, 7, 0, 2200), Row(1, 8, 4000, 5000)], q.Output.Lines);
        Assert.Equal(0, q.Stats.RecordsLate);
    }

    [Fact]
    public void With_emit_changes_the_merged_session_is_written_at_once()
    {
        var q = Run("EMIT CHANGES", "update_previous", Trade(0, 1), Trade(1200, 2), Trade(500, 4));
        Assert.Equal([Row(1, 1, 0, 1000), Row(1, 2, 1200, 2200), Row(3, 7, 0, 2200)], q.Output.Lines);
    }

    [Fact]
    public void A_late_row_that_extends_a_closed_session_past_the_watermark_reopens_it()
    {
        // B's row at 1.2 s closes A's [0, 1s); A's late row at 500 extends it to 1.5 s, past the watermark:
        // open again, and written again when it closes.
        var q = Run("EMIT FINAL", "update_previous", Trade(0, 1), Trade(1200, 2, "B"), Trade(500, 4), Trade(3000, 8, "B"));
        Assert.Equal(
        [
            Row(1, 1, 0, 1000),
            Row(2, 5, 0, 1500),
            Row(1, 2, 1200, 2200, "B"),
            Row(1, 8, 3000, 4000, "B"),
        ], q.Output.Lines);
    }

    [Fact]
    public void Rows_later_than_one_gap_past_a_sessions_close_are_late_and_the_session_is_forgotten()
    {
        // At watermark 5000, [0, 1s) ended 4 s ago (more than the 1 s gap): 300 is late.
        var q = Run("EMIT FINAL", "update_previous", Trade(0, 1), Trade(5000, 2), Trade(300, 4));
        Assert.Equal([Row(1, 1, 0, 1000), Row(1, 2, 5000, 6000)], q.Output.Lines);
        Assert.Equal(1, q.Stats.RecordsLate);
    }

    [Fact]
    public void A_late_row_near_the_watermark_in_no_session_is_written_as_a_session_of_its_own()
    {
        // At watermark 3000 a row at 1500 ([1.5s, 2.5s), closed 0.5 s ago, less than a gap) touches no session.
        var q = Run("EMIT FINAL", "update_previous", Trade(0, 1), Trade(3000, 2), Trade(1500, 4));
        Assert.Equal([Row(1, 1, 0, 1000), Row(1, 4, 1500, 2500), Row(1, 2, 3000, 4000)], q.Output.Lines);
    }

    [Fact]
    public void Drop_keeps_no_closed_session()
    {
        var q = Run("EMIT FINAL", "drop", Trade(0, 1), Trade(400, 2), Trade(2500, 4), Trade(200, 8));
        Assert.Equal([Row(2, 3, 0, 1400), Row(1, 4, 2500, 3500)], q.Output.Lines);
        Assert.Equal(1, q.Stats.RecordsLate);
    }
}
