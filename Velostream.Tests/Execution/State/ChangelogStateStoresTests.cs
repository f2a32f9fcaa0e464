using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.State;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.State;

/// <summary>
/// Changelog-backed stores: what a flush writes (changed keys only, tombstones for deleted ones, one
/// topic per operator named after the application, job and operator), and that a job built over
/// stores restored from those records alone continues exactly where the flushed one stopped, for
/// every stateful operator: its outputs and the first job's together are one uninterrupted job's.
/// </summary>
public sealed class ChangelogStateStoresTests
{
    // 2026-01-05T09:30:00Z
    private const long T0 = 1767605400000;

    private static string Trade(string symbol, long ms, string price) =>
        $$"""{"symbol":"{{symbol}}","price":{{price}},"venue":"{{symbol.ToLowerInvariant()}}x","ts":{{T0 + ms}}}""";

    // Exact decimals, a whole number, a double, and text so every value kind crosses the changelog.
    private static readonly string[] Trades =
    [
        Trade("A", 0, "1.10"), Trade("B", 100, "2"), Trade("A", 900, "3.25"), Trade("B", 1200, "4.5e0"), Trade("A", 1300, "5.00"),
        Trade("C", 2500, "6.125"), Trade("A", 2600, "7"), Trade("B", 4100, "8.10"), Trade("C", 4200, "9.99"), Trade("A", 6000, "10.01"),
    ];

    [Theory]
    [InlineData("SELECT symbol, COUNT(*) AS n, SUM(price) AS total, AVG(price) AS mean FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL")]
    [InlineData("SELECT symbol, COUNT(*) AS n, MIN(price) AS low FROM trades GROUP BY symbol WINDOW SLIDING(ts, 2s, 1s) EMIT FINAL")]
    [InlineData("SELECT symbol, COUNT(*) AS n, MAX(price) AS top, MIN(venue) AS v FROM trades GROUP BY symbol WINDOW SESSION(ts, 1s) EMIT FINAL")]
    [InlineData("SELECT symbol, COUNT(*) AS n, SUM(price) AS total FROM trades GROUP BY symbol EMIT CHANGES")]
    [InlineData("SELECT symbol, FIRST_VALUE(price) AS open, LAST_VALUE(price) AS close, LAST_VALUE(venue) AS v FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 2s) EMIT FINAL")]
    [InlineData("SELECT symbol, FIRST_VALUE(ts) AS first_ts, MAX(ts) AS last_ts FROM trades GROUP BY symbol WINDOW SESSION(ts, 2s) EMIT FINAL")]
    [InlineData("SELECT symbol, COUNT(DISTINCT price) AS d, STDDEV(price) AS sd, VARIANCE(price) AS var, MEDIAN(price) AS med FROM trades GROUP BY symbol EMIT FINAL")]
    [InlineData("SELECT symbol, price, LAG(price, 1) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol) AS prev FROM trades")]
    [InlineData("SELECT symbol, price, LEAD(price, 1) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol) AS next FROM trades")]
    [InlineData("SELECT symbol, price, SUM(price) OVER (PARTITION BY symbol ORDER BY ts RANGE BETWEEN 1500 PRECEDING AND CURRENT ROW) AS recent, MIN(venue) OVER (ORDER BY ts RANGE 2000 PRECEDING) AS v FROM trades")]
    public void A_job_restored_from_the_changelog_alone_writes_what_one_uninterrupted_job_writes(string query)
    {
        var sql = $"{query} {InProcess.Sources("trades")}";
        var whole = InProcess.Run(sql, "trades", Trades);

        for (var stop = 1; stop < Trades.Length; stop++)
        {
            var changelog = new InMemoryChangelog();
            var first = InProcessQuery.Create(sql, Options(new ChangelogStateStores("app", changelog, changelog)));
            first.Push("trades", Trades[..stop]);
            Flush(first);
            // Nothing of the first job's memory is shared: the second reads its state from the records only.
            var second = InProcessQuery.Create(sql, Options(new ChangelogStateStores("app", changelog, changelog)));
            second.Push("trades", Trades[stop..]);
            second.Finish();

            Assert.Equal(whole, [.. first.Output.Lines, .. second.Output.Lines]);
        }
    }

    [Fact]
    public void A_closed_session_kept_for_late_rows_is_restored_and_takes_a_late_row_after_the_restart()
    {
        var sql = "SELECT symbol, COUNT(*) AS n, SUM(price) AS total FROM trades GROUP BY symbol WINDOW SESSION(ts, 1s) EMIT FINAL "
            + "WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.jsonl', 'trades.event.time.field' = 'ts', 'late.data.strategy' = 'update_previous')";
        var changelog = new InMemoryChangelog();
        var first = InProcessQuery.Create(sql, Options(new ChangelogStateStores("app", changelog, changelog)));
        // Watermark 1.5 s closes A's session [0, 1.4s); it is kept until 2.4 s.
        first.Push("trades", Trade("A", 0, "1"), Trade("A", 400, "2"));
        first.Push("trades", Trade("B", 1500, "4"));
        Flush(first);

        var second = InProcessQuery.Create(sql, Options(new ChangelogStateStores("app", changelog, changelog)));
        second.Push("trades", Trade("A", 200, "8"));
        second.Finish();

        Assert.Equal(["""{"symbol":"A","n":2,"total":3}"""], first.Output.Lines);
        Assert.Equal(["""{"symbol":"A","n":3,"total":11}""", """{"symbol":"B","n":1,"total":4}"""], second.Output.Lines);
    }

    [Fact]
    public void An_interval_join_restored_from_its_changelog_still_matches_rows_buffered_before_the_stop()
    {
        var sql = "SELECT o.id, e.qty FROM orders o LEFT JOIN fills e ON o.id = e.id AND e.ts BETWEEN o.ts AND o.ts + INTERVAL '1' SECOND "
            + InProcess.Sources("orders", "fills");
        string Row(string id, long ms, int qty = 0) => $$"""{"id":"{{id}}","qty":{{qty}},"ts":{{T0 + ms}}}""";
        var changelog = new InMemoryChangelog();

        var first = InProcessQuery.Create(sql, Options(new ChangelogStateStores("app", changelog, changelog)));
        first.Push("orders", Row("o1", 0), Row("o2", 100));
        Flush(first);
        var second = InProcessQuery.Create(sql, Options(new ChangelogStateStores("app", changelog, changelog)));
        second.Push("fills", Row("o1", 500, 7));
        second.Finish();

        Assert.Equal(["app-select-interval_join-changelog"], changelog.Topics.Keys.Select(k => k.Topic).Distinct());
        Assert.Empty(first.Output.Lines);
        Assert.Equal(["""{"id":"o1","qty":7}""", """{"id":"o2","qty":null}"""], second.Output.Lines);
    }

    [Fact]
    public void A_flush_writes_only_the_keys_changed_since_the_last_one_and_a_tombstone_for_a_closed_window()
    {
        var sql = "SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL " + InProcess.Sources("trades");
        var changelog = new InMemoryChangelog();
        var query = InProcessQuery.Create(sql, Options(new ChangelogStateStores("shop", changelog, changelog)));
        var records = changelog.Topics;

        query.Push("trades", Trade("A", 0, "1"), Trade("B", 100, "1"));
        Flush(query);
        Assert.Equal(["shop-select-aggregate-changelog"], records.Keys.Select(k => k.Topic));
        var topic = records.Single().Value;
        Assert.Equal(2, topic.Count(r => r.Value is not null && !IsPositions(r.Key)));

        query.Push("trades", Trade("A", 200, "1"));
        Flush(query);
        Assert.Equal(3, topic.Count(r => r.Value is not null && !IsPositions(r.Key)));

        // The watermark passes the first second: both groups are emitted and deleted.
        query.Push("trades", Trade("A", 1500, "1"));
        Flush(query);
        Assert.Equal(2, topic.Count(r => r.Value is null));
    }

    [Fact]
    public void A_record_of_another_codec_version_is_refused_with_the_reason()
    {
        var sql = "SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol EMIT CHANGES " + InProcess.Sources("trades");
        var changelog = new InMemoryChangelog();
        var first = InProcessQuery.Create(sql, Options(new ChangelogStateStores("app", changelog, changelog)));
        first.Push("trades", Trade("A", 0, "1"));
        Flush(first);
        var record = changelog.Topics.Values.Single().First(r => r.Value is not null && !IsPositions(r.Key));
        record.Value![0] = 99;

        var error = Assert.Throws<InvalidDataException>(() => InProcessQuery.Create(sql, Options(new ChangelogStateStores("app", changelog, changelog))));

        Assert.Contains("version 99", error.Message);
    }

    [Fact]
    public void The_positions_recorded_at_a_checkpoint_are_what_a_restored_partition_resumes_from()
    {
        var sql = "SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol EMIT CHANGES " + InProcess.Sources("trades");
        var changelog = new InMemoryChangelog();
        var stores = new ChangelogStateStores("app", changelog, changelog);
        var query = InProcessQuery.Create(sql, Options(stores));
        query.Push("trades", Trade("A", 0, "1"));
        stores.Flush();
        stores.Checkpoint(0, [42]);
        stores.Checkpoint(0, [57]);

        var restored = new ChangelogStateStores("app", changelog, changelog);
        InProcessQuery.Create(sql, Options(restored));

        Assert.Equal([57L], restored.RestoredPositions(0)!);
        Assert.Null(restored.RestoredPositions(1));
    }

    [Fact]
    public void State_written_by_a_checkpoint_cut_short_is_not_restored_so_the_records_read_again_are_counted_once()
    {
        var sql = "SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol EMIT CHANGES " + InProcess.Sources("trades");
        string[] trades = [Trade("A", 0, "1"), Trade("B", 100, "1"), Trade("A", 200, "1"), Trade("A", 300, "1")];
        // Killed while checkpointing the third record: A's new count reached the topic, the positions after it did not.
        var changelog = CheckpointTwoThenCutShort(sql, trades);

        var stores = new ChangelogStateStores("app", changelog, changelog);
        var restarted = InProcessQuery.Create(sql, Options(stores));
        Assert.Equal([2L], stores.RestoredPositions(0)!);
        // The restart reads the input again from the positions recorded.
        restarted.Push("trades", trades[2..]);

        Assert.Equal(["""{"symbol":"A","n":2}""", """{"symbol":"A","n":3}"""], restarted.Output.Lines);
    }

    [Fact]
    public void Keys_a_checkpoint_cut_short_wrote_are_written_again_as_restored_at_the_next_checkpoint()
    {
        var sql = "SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol EMIT CHANGES " + InProcess.Sources("trades");
        string[] trades = [Trade("A", 0, "1"), Trade("B", 100, "1"), Trade("B", 200, "1")];
        var changelog = CheckpointTwoThenCutShort(sql, trades);
        // Restarted, then stopped before it read anything: its checkpoint must not turn B's unfinished count into state.
        Flush(InProcessQuery.Create(sql, Options(new ChangelogStateStores("app", changelog, changelog))), position: 2);

        var stores = new ChangelogStateStores("app", changelog, changelog);
        var last = InProcessQuery.Create(sql, Options(stores));
        last.Push("trades", trades[2]);

        Assert.Equal([2L], stores.RestoredPositions(0)!);
        Assert.Equal(["""{"symbol":"B","n":2}"""], last.Output.Lines);
    }

    /// <summary>The first two trades checkpointed at position 2; the third's state flushed to the changelog, its positions record never written.</summary>
    private static InMemoryChangelog CheckpointTwoThenCutShort(string sql, string[] trades)
    {
        var changelog = new InMemoryChangelog();
        var first = InProcessQuery.Create(sql, Options(new ChangelogStateStores("app", changelog, changelog)));
        first.Push("trades", trades[..2]);
        Flush(first, position: 2);
        first.Push("trades", trades[2]);
        ((ChangelogStateStores)first.Executor.State).Flush();
        return changelog;
    }

    private static bool IsPositions(byte[] key) => ChangelogTarget.Split(key).Store == ChangelogTarget.PositionsStore;

    private static JobOptions Options(ChangelogStateStores stores) => new() { Log = TextWriter.Null, StateStores = stores, StatePartition = 0 };

    /// <summary>A commit point, as a job makes one: the stores write what changed, then the positions that state includes.</summary>
    private static void Flush(InProcessQuery query, long position = -1)
    {
        var stores = (ChangelogStateStores)query.Executor.State;
        stores.Flush();
        stores.Checkpoint(0, [position]);
    }
}
