using Velostream.Engine.Execution.InProcess;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators.Windows;

public sealed class WindowTests
{
    // 2026-01-05T09:30:00Z
    private const long T0 = 1767605400000;

    private static string Trade(string symbol, long ms, decimal price) =>
        $$"""{"symbol":"{{symbol}}","price":{{price}},"ts":{{T0 + ms}}}""";

    private static InProcessQuery Run(string select, string with, params string[] lines) =>
        InProcess.RunOneByOne($"{select} {with}", "trades", lines);

    private static string Sources(string extra = "") =>
        InProcess.Sources("trades")[..^1] + extra + ")";

    private const string Ohlc = "SELECT symbol, COUNT(*) AS n, SUM(price) AS total, _window_start AS ws, _window_end AS we FROM trades GROUP BY symbol";

    [Fact]
    public void Tumbling_emit_final_emits_each_window_once_when_the_watermark_passes_its_end()
    {
        var q = Run($"{Ohlc} WINDOW TUMBLING(ts, 1s) EMIT FINAL", Sources(),
            Trade("A", 0, 1), Trade("B", 500, 2), Trade("A", 900, 3), Trade("A", 1100, 4), Trade("B", 2500, 5));
        Assert.Equal(
        [
            """{"symbol":"A","n":2,"total":4,"ws":"2026-01-05T09:30:00.000Z","we":"2026-01-05T09:30:01.000Z"}""",
            """{"symbol":"B","n":1,"total":2,"ws":"2026-01-05T09:30:00.000Z","we":"2026-01-05T09:30:01.000Z"}""",
            """{"symbol":"A","n":1,"total":4,"ws":"2026-01-05T09:30:01.000Z","we":"2026-01-05T09:30:02.000Z"}""",
            """{"symbol":"B","n":1,"total":5,"ws":"2026-01-05T09:30:02.000Z","we":"2026-01-05T09:30:03.000Z"}""",
        ], q.Output.Lines);
        Assert.Equal(["A", "B", "A", "B"], q.Output.Keys);
    }

    [Fact]
    public void Tumbling_emit_changes_emits_the_updated_row_on_every_record()
    {
        var q = Run($"{Ohlc} WINDOW TUMBLING(ts, 1s) EMIT CHANGES", Sources(),
            Trade("A", 0, 1), Trade("B", 500, 2), Trade("A", 900, 3), Trade("A", 1100, 4));
        Assert.Equal(
        [
            """{"symbol":"A","n":1,"total":1,"ws":"2026-01-05T09:30:00.000Z","we":"2026-01-05T09:30:01.000Z"}""",
            """{"symbol":"B","n":1,"total":2,"ws":"2026-01-05T09:30:00.000Z","we":"2026-01-05T09:30:01.000Z"}""",
            """{"symbol":"A","n":2,"total":4,"ws":"2026-01-05T09:30:00.000Z","we":"2026-01-05T09:30:01.000Z"}""",
            """{"symbol":"A","n":1,"total":4,"ws":"2026-01-05T09:30:01.000Z","we":"2026-01-05T09:30:02.000Z"}""",
        ], q.Output.Lines);
    }

    [Fact]
    public void Tumbling_without_a_time_column_uses_the_event_time_field_property()
    {
        var q = Run("SELECT COUNT(*) AS n, TUMBLE_START(ts, INTERVAL '1' SECOND) AS ws FROM trades WINDOW TUMBLING(1s) EMIT FINAL",
            Sources(", 'trades.event.time.field' = 'ts'"),
            Trade("A", 0, 1), Trade("B", 400, 1), Trade("A", 1000, 1));
        Assert.Equal(
        [
            """{"n":2,"ws":"2026-01-05T09:30:00.000Z"}""",
            """{"n":1,"ws":"2026-01-05T09:30:01.000Z"}""",
        ], q.Output.Lines);
    }

    [Fact]
    public void Event_time_may_be_an_iso_8601_string()
    {
        var q = Run("SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1m) EMIT FINAL", Sources(),
            """{"symbol":"A","ts":"2026-01-05T09:30:10Z"}""",
            """{"symbol":"A","ts":"2026-01-05T09:30:50.500Z"}""",
            """{"symbol":"A","ts":"2026-01-05T09:31:00Z"}""");
        Assert.Equal(["""{"symbol":"A","n":2}""", """{"symbol":"A","n":1}"""], q.Output.Lines);
    }

    [Fact]
    public void Sliding_windows_count_each_record_in_every_window_that_covers_it()
    {
        var q = Run($"{Ohlc} WINDOW SLIDING(ts, 2s, 1s) EMIT FINAL", Sources(),
            Trade("A", 1500, 1), Trade("A", 2500, 2));
        Assert.Equal(
        [
            """{"symbol":"A","n":1,"total":1,"ws":"2026-01-05T09:30:00.000Z","we":"2026-01-05T09:30:02.000Z"}""",
            """{"symbol":"A","n":2,"total":3,"ws":"2026-01-05T09:30:01.000Z","we":"2026-01-05T09:30:03.000Z"}""",
            """{"symbol":"A","n":1,"total":2,"ws":"2026-01-05T09:30:02.000Z","we":"2026-01-05T09:30:04.000Z"}""",
        ], q.Output.Lines);
    }

    [Fact]
    public void Sliding_emit_changes_updates_every_covering_window()
    {
        var q = Run("SELECT symbol, COUNT(*) AS n, _window_start AS ws FROM trades GROUP BY symbol WINDOW SLIDING(ts, 2s, 1s) EMIT CHANGES", Sources(),
            Trade("A", 1500, 1));
        Assert.Equal(
        [
            """{"symbol":"A","n":1,"ws":"2026-01-05T09:30:00.000Z"}""",
            """{"symbol":"A","n":1,"ws":"2026-01-05T09:30:01.000Z"}""",
        ], q.Output.Lines);
    }

    [Fact]
    public void Session_windows_close_after_the_gap_without_records()
    {
        var q = Run($"{Ohlc} WINDOW SESSION(ts, 1s) EMIT FINAL", Sources(),
            Trade("A", 0, 1), Trade("A", 500, 2), Trade("B", 600, 3), Trade("A", 2000, 4));
        Assert.Equal(
        [
            """{"symbol":"A","n":2,"total":3,"ws":"2026-01-05T09:30:00.000Z","we":"2026-01-05T09:30:01.500Z"}""",
            """{"symbol":"B","n":1,"total":3,"ws":"2026-01-05T09:30:00.600Z","we":"2026-01-05T09:30:01.600Z"}""",
            """{"symbol":"A","n":1,"total":4,"ws":"2026-01-05T09:30:02.000Z","we":"2026-01-05T09:30:03.000Z"}""",
        ], q.Output.Lines);
    }

    [Fact]
    public void A_record_between_two_sessions_merges_them()
    {
        var q = Run($"{Ohlc} WINDOW SESSION(ts, 1s) EMIT FINAL", Sources(", 'watermark.max_out_of_orderness' = '10s'"),
            Trade("A", 0, 1), Trade("A", 1500, 2), Trade("A", 800, 3));
        Assert.Equal(
        [
            """{"symbol":"A","n":3,"total":6,"ws":"2026-01-05T09:30:00.000Z","we":"2026-01-05T09:30:02.500Z"}""",
        ], q.Output.Lines);
    }

    [Fact]
    public void Session_emit_changes_emits_the_growing_session()
    {
        var q = Run("SELECT symbol, COUNT(*) AS n, _window_end AS we FROM trades GROUP BY symbol WINDOW SESSION(ts, 1s) EMIT CHANGES", Sources(),
            Trade("A", 0, 1), Trade("A", 500, 2));
        Assert.Equal(
        [
            """{"symbol":"A","n":1,"we":"2026-01-05T09:30:01.000Z"}""",
            """{"symbol":"A","n":2,"we":"2026-01-05T09:30:01.500Z"}""",
        ], q.Output.Lines);
    }

    [Fact]
    public void Records_behind_a_closed_window_are_late_and_dropped_and_counted()
    {
        var q = Run("SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL", Sources(),
            Trade("A", 0, 1), Trade("A", 1500, 1), Trade("A", 500, 1), Trade("A", 1600, 1));
        Assert.Equal(["""{"symbol":"A","n":1}""", """{"symbol":"A","n":2}"""], q.Output.Lines);
        Assert.Equal(1, q.Stats.RecordsLate);
        Assert.Equal(0, q.Stats.RecordsFailed);
        Assert.Empty(q.DeadLetters.Lines);
    }

    [Fact]
    public void Max_out_of_orderness_holds_windows_open_for_stragglers()
    {
        var q = Run("SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL",
            Sources(", 'watermark.max_out_of_orderness' = '1s'"),
            Trade("A", 0, 1), Trade("A", 1500, 1), Trade("A", 500, 1), Trade("A", 2100, 1), Trade("A", 700, 1));
        // 700 arrives after 2100 moved the watermark to 1100, past the first window's end: late.
        Assert.Equal(["""{"symbol":"A","n":2}""", """{"symbol":"A","n":1}""", """{"symbol":"A","n":1}"""], q.Output.Lines);
        Assert.Equal(1, q.Stats.RecordsLate);
    }

    [Fact]
    public void Late_records_go_to_the_dead_letters_when_asked()
    {
        var sql = """
            CREATE STREAM counts AS SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL
            WITH ('trades.type' = 'file_source', 'trades.path' = 't.jsonl', 'counts.type' = 'file_sink', 'counts.path' = 'c.jsonl',
                  'late.data.strategy' = 'dead_letter', 'counts.dlq.path' = 'dlq.jsonl')
            """;
        var q = InProcess.RunOneByOne(sql, "trades", Trade("A", 0, 1), Trade("A", 1500, 1), Trade("A", 500, 1));
        Assert.Equal(1, q.Stats.RecordsLate);
        Assert.Equal(1, q.Stats.RecordsDeadLettered);
        Assert.Equal(
        [
            $$"""{"job":"counts","source":"trades","topic":"trades","partition":0,"offset":1,"error_type":"late_record","reason":"late record: its window closed (watermark 2026-01-05T09:30:01.500Z)","record":"{\"symbol\":\"A\",\"price\":1,\"ts\":{{T0 + 500}}}"}""",
        ], q.DeadLetters.Lines);
    }

    [Fact]
    public void Group_by_without_window_emits_changes_by_default_and_final_once_at_the_end()
    {
        string[] input = [Trade("A", 0, 1.5m), Trade("B", 1, 2), Trade("A", 2, 0.5m)];
        var changes = Run("SELECT symbol, SUM(price) AS total FROM trades GROUP BY symbol", Sources(), input);
        Assert.Equal(["""{"symbol":"A","total":1.5}""", """{"symbol":"B","total":2}""", """{"symbol":"A","total":2.0}"""], changes.Output.Lines);
        var final = Run("SELECT symbol, SUM(price) AS total FROM trades GROUP BY symbol EMIT FINAL", Sources(), input);
        Assert.Equal(["""{"symbol":"A","total":2.0}""", """{"symbol":"B","total":2}"""], final.Output.Lines);
    }

    [Fact]
    public void Having_filters_groups_on_aggregate_results()
    {
        var q = Run("SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol HAVING COUNT(*) > 1 EMIT FINAL", Sources(),
            Trade("A", 0, 1), Trade("B", 1, 1), Trade("A", 2, 1));
        Assert.Equal(["""{"symbol":"A","n":2}"""], q.Output.Lines);
    }

    [Fact]
    public void Primary_key_columns_become_the_output_key()
    {
        var q = Run("SELECT symbol PRIMARY KEY, COUNT(*) AS n FROM trades GROUP BY symbol EMIT FINAL", Sources(), Trade("A", 0, 1));
        Assert.Equal(["A"], q.Output.Keys);
    }

    [Fact]
    public void Window_outputs_carry_a_bounded_sample_of_their_inputs()
    {
        var sql = $"SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL {Sources()}";
        var observer = new RecordingObserver();
        var query = InProcessQuery.Create(sql, new Engine.Execution.Planning.JobOptions { Observer = observer, LineageSampleSize = 2, Log = TextWriter.Null });
        query.Push("trades", Trade("A", 0, 1), Trade("A", 1, 1), Trade("A", 2, 1));
        query.Finish();
        var lineage = Assert.Single(observer.Samples);
        Assert.Equal(3, lineage.Total);
        Assert.Equal([1L, 2L], lineage.Offsets);
    }

    [Fact]
    public void Groups_started_while_tracing_is_off_count_their_inputs_but_keep_no_sample()
    {
        var sql = $"SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL {Sources()}";
        var observer = new RecordingObserver { TracingOn = false };
        var query = InProcessQuery.Create(sql, new Engine.Execution.Planning.JobOptions { Observer = observer, LineageSampleSize = 2, Log = TextWriter.Null });
        query.Push("trades", Trade("A", 0, 1), Trade("A", 1, 1));
        observer.TracingOn = true;
        query.Push("trades", Trade("A", 2, 1), Trade("A", 1000, 1), Trade("A", 1001, 1), Trade("A", 1002, 1));
        query.Finish();
        Assert.Equal(2, observer.Samples.Count);
        Assert.Equal(3, observer.Samples[0].Total);
        Assert.Empty(observer.Samples[0].Offsets);
        Assert.Equal(3, observer.Samples[1].Total);
        Assert.Equal([2L, 3L], observer.Samples[1].Offsets); // offsets as numbered within the second push
    }
}
