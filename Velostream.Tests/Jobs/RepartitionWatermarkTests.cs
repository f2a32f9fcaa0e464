using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.Runtime;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Jobs;
using Velostream.Tests.Support;

namespace Velostream.Tests.Jobs;

/// <summary>
/// The stateful stage of a repartitioned job closes windows by the slowest partition of the original
/// source, as the first stage's watermark records report them, not by the highest event time its internal
/// partition has seen: records of a source partition read behind the others are not late. What the rule
/// knows is restored with the chain's state.
/// </summary>
public sealed class RepartitionWatermarkTests
{
    private const string Sql = "SELECT symbol, COUNT(*) AS n, _window_start AS ws FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL";

    // 2026-01-05T09:30:00Z
    private const long T0 = 1767605400000;

    private readonly InMemoryChangelog _changelog = new();
    private readonly List<InProcessQuery> _compiled = [];
    private readonly Dictionary<int, long> _nextOffset = [];
    private long _internalOffset;

    [Fact]
    public void Records_of_a_lagging_source_partition_are_counted_in_windows_the_leading_one_passed()
    {
        var chains = Chains();
        // Source partition 0 is read up to 2.5 s, partition 1 (of 2) only to 0.9 s: no window closes yet.
        chains.Process(0, Batch(Trade(0, 100), Trade(0, 1500), Trade(0, 2500), Watermarks((0, 2500, false))));
        chains.Process(0, Batch(Trade(1, 200), Trade(1, 900), Watermarks((1, 900, false))));
        Assert.Empty(Outputs());

        // Partition 1 catches up: both reached 2.5 s, so the windows ending at 1 s and 2 s close, whole.
        chains.Process(0, Batch(Trade(1, 1800), Watermarks((1, 3000, false))));
        Assert.Equal([Row(0, 3), Row(1000, 2)], Outputs());
    }

    [Fact]
    public void The_source_partitions_event_times_are_restored_with_the_chain()
    {
        var chains = Chains();
        chains.Process(0, Batch(Trade(0, 100), Trade(0, 1500), Watermarks((0, 1500, false)), Trade(1, 1200), Trade(1, 2600), Watermarks((1, 2600, false))));
        chains.FlushState();
        chains.Checkpoint();
        Assert.Equal([Row(0, 1)], Outputs());
        chains.Close();

        // A new process: the rule still holds the window of 1 s open for partition 0 (at 1.5 s), and knows the
        // window of 0 s closed: a record of it is late, as it was before the restart, and opens nothing.
        _compiled.Clear();
        var restarted = Chains();
        restarted.Process(0, Batch(Trade(0, 500), Trade(0, 1900), Watermarks((0, 4000, false))));
        Assert.Equal([Row(1000, 3)], Outputs());
        Assert.Equal(1, _compiled.Sum(q => q.Stats.RecordsLate));
    }

    [Fact]
    public void A_source_partition_never_heard_of_holds_every_window_and_an_idle_one_none()
    {
        var chains = Chains();
        // Partition 1 of 2 has said nothing yet: the chain waits for it.
        chains.Process(0, Batch(Trade(0, 100), Trade(0, 2500), Watermarks((0, 2500, false))));
        Assert.Empty(Outputs());

        // The first stage found partition 1 idle (nothing came from it for a while): partition 0 alone decides.
        chains.Process(0, Batch(Watermarks((1, long.MinValue, true))));
        Assert.Equal([Row(0, 1)], Outputs());
    }

    [Fact]
    public void An_input_record_carrying_the_watermark_header_stays_a_row()
    {
        var chains = Chains();
        var trade = Trade(0, 100);
        trade.Headers!.Add(new(WatermarkRecord.Header, [1]));

        chains.Process(0, Batch(trade, Trade(1, 200), Watermarks((0, 1500, false), (1, 1500, false))));

        Assert.Equal([Row(0, 2)], Outputs());
    }

    [Fact]
    public void The_first_stage_reports_partitions_read_and_partitions_idle_and_waits_for_the_others()
    {
        var times = new SourcePartitionTimes(TimeSpan.FromSeconds(5));
        times.Assigned([0, 1, 2], nowMs: 0);
        times.Read(0, T0 + 300, nowMs: 1000);
        times.Read(0, T0 + 200, nowMs: 2000);
        times.Read(2, T0 + 100, nowMs: 2000);

        // Partition 1, assigned but not read and not idle yet, is left out: the stateful stage waits for it.
        Assert.Equal([new(0, T0 + 300, false), new(2, T0 + 100, false)], times.Entries(nowMs: 4000));
        Assert.Equal([new(0, T0 + 300, false), new(1, long.MinValue, true), new(2, T0 + 100, false)], times.Entries(nowMs: 5000));
        Assert.Equal([new(0, T0 + 300, true), new(1, long.MinValue, true), new(2, T0 + 100, true)], times.Entries(nowMs: 7000));

        times.Revoked([1]);
        Assert.Equal([0, 2], times.Entries(nowMs: 7000).Select(e => e.Partition));
    }

    private OperatorChains Chains()
    {
        var template = InProcessQuery.Create(Sql + " " + InProcess.Sources("trades")).Executor;
        return OperatorChains.PerPartition(template, (partition, stores) =>
        {
            var query = InProcessQuery.Create(Sql + " " + InProcess.Sources("trades"),
                new JobOptions { Log = TextWriter.Null, StateStores = stores, StatePartition = partition });
            _compiled.Add(query);
            return query.Executor;
        }, () => new ChangelogStateStores("app", _changelog, _changelog), durable: true, deduplicate: true);
    }

    private List<string> Outputs() => [.. _compiled.SelectMany(q => q.Output.Lines)];

    private static string Row(long windowStartMs, int n) =>
        $$"""{"symbol":"A","n":{{n}},"ws":"{{DateTimeOffset.FromUnixTimeMilliseconds(T0 + windowStartMs):yyyy-MM-ddTHH:mm:ss.fffZ}}"}""";

    /// <summary>A trade of source partition <paramref name="partition"/> at <paramref name="ms"/> after T0, stamped as the first stage does.</summary>
    private SourceRecord Trade(int partition, long ms)
    {
        var offset = _nextOffset.GetValueOrDefault(partition);
        _nextOffset[partition] = offset + 1;
        return new SourceRecord
        {
            Value = Encoding.UTF8.GetBytes($$"""{"symbol":"A","ts":{{T0 + ms}}}"""),
            Headers = SourcePositionHeaders.Stamp(new SourceRecord { Partition = partition, Offset = offset }),
            TimestampMs = T0 + ms,
        };
    }

    /// <summary>A watermark record of a source with two partitions (times after T0).</summary>
    private static SourceRecord Watermarks(params (int Partition, long Ms, bool Idle)[] entries) => new()
    {
        Value = WatermarkRecord.Encode(2, [.. entries.Select(e => new WatermarkRecord.Entry(e.Partition, e.Ms == long.MinValue ? e.Ms : T0 + e.Ms, e.Idle))], new StateWriter()),
        Headers = WatermarkRecord.Headers(),
        TimestampMs = -1,
    };

    /// <summary>Records of internal partition 0, in order.</summary>
    private SourceBatch Batch(params SourceRecord[] records)
    {
        var batch = new SourceBatch(records.Length);
        foreach (var record in records)
        {
            ref var r = ref batch.Add();
            r = record;
            r.Topic = "trades";
            r.Partition = 0;
            r.Offset = _internalOffset++;
        }
        return batch;
    }
}
