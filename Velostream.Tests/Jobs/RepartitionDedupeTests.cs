using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.Runtime;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Jobs;
using Velostream.Tests.Support;

namespace Velostream.Tests.Jobs;

/// <summary>
/// The stateful stage of a repartitioned job: a record the first stage writes again (same source
/// partition, offset not above the highest applied) is skipped, a new one is applied, and what was
/// applied is restored from the changelog with the rest of the chain's state.
/// </summary>
public sealed class RepartitionDedupeTests
{
    private const string Sql = "SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol EMIT CHANGES";

    private readonly InMemoryChangelog _changelog = new();
    private readonly List<InProcessQuery> _compiled = [];
    private long _internalOffset;

    [Fact]
    public void Records_written_again_by_the_first_stage_are_skipped_before_and_after_a_restart()
    {
        long skipped = 0;
        var chains = Chains(n => skipped += n);
        // Source partition 0 offsets 0..2, source partition 1 offset 0, then the first stage restarts and writes 1..2 again, and 3.
        chains.Process(0, Batch(("A", 0, 0), ("A", 0, 1), ("B", 1, 0), ("A", 0, 2)));
        chains.Process(0, Batch(("A", 0, 1), ("A", 0, 2), ("A", 0, 3), ("B", 1, 0), ("B", 1, 1)));
        chains.FlushState();
        chains.Checkpoint();

        Assert.Equal(3, skipped);
        Assert.Equal(["""{"symbol":"A","n":4}""", """{"symbol":"B","n":2}"""], LastPerSymbol());

        // A new process: state and applied offsets come from the changelog only.
        chains.Close();
        skipped = 0;
        var restarted = Chains(n => skipped += n);
        restarted.Process(0, Batch(("A", 0, 3), ("A", 0, 4), ("B", 1, 1), ("B", 1, 2)));
        restarted.FlushState();
        restarted.Checkpoint();

        Assert.Equal(2, skipped);
        Assert.Equal(["""{"symbol":"A","n":5}""", """{"symbol":"B","n":3}"""], LastPerSymbol());
        Assert.Contains(_changelog.Topics.Keys, k => k.Topic == "app-select-repartition_offsets-changelog");
    }

    [Theory]
    [InlineData(StatefulOperators.Aggregate)]
    [InlineData(StatefulOperators.RepartitionOffsets)]
    public void A_kill_after_one_changelog_got_its_positions_record_restores_the_checkpoint_the_others_hold_whole(string op)
    {
        var chains = Chains(_ => { });
        chains.Process(0, Batch(("A", 0, 0), ("A", 0, 1), ("B", 1, 0)));
        chains.FlushState();
        chains.Checkpoint();
        chains.Process(0, Batch(("A", 0, 2), ("B", 1, 1)));
        chains.FlushState();
        chains.Checkpoint();
        // The positions record of one of the partition's two changelogs never reached the broker.
        var topic = _changelog.Topics[($"app-select-{op}-changelog", 0)];
        Assert.Equal(ChangelogTarget.PositionsStore, ChangelogTarget.Split(topic[^1].Key).Store);
        topic.RemoveAt(topic.Count - 1);

        // The first stage writes A's offset 2 again: applied before the kill, so skipped, whichever changelog lost its record.
        long skipped = 0;
        var restarted = Chains(n => skipped += n);
        restarted.Process(0, Batch(("A", 0, 2), ("A", 0, 3), ("B", 1, 2)));
        restarted.FlushState();

        Assert.Equal(1, skipped);
        Assert.Equal(["""{"symbol":"A","n":4}""", """{"symbol":"B","n":3}"""], LastPerSymbol());
    }

    [Fact]
    public void The_source_position_headers_do_not_reach_the_output_and_other_headers_do()
    {
        // A projection passes its input's headers on (an aggregate writes none).
        var chains = Chains(_ => { }, "SELECT symbol FROM trades");
        var batch = Batch(("A", 0, 0));
        batch[0].Headers!.Add(new("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"u8.ToArray()));

        chains.Process(0, batch);

        var headers = Assert.Single(_compiled.SelectMany(q => q.Output.Records)).Headers!;
        Assert.Equal(["traceparent"], headers.Select(h => h.Key));
    }

    [Fact]
    public void A_record_without_a_source_position_is_applied()
    {
        var chains = Chains(_ => { });
        var batch = InProcessQuery.Batch("trades", [Trade("A"), Trade("A")]);

        chains.Process(0, batch);

        Assert.Equal(["""{"symbol":"A","n":2}"""], LastPerSymbol());
    }

    private OperatorChains Chains(Action<long> skipped, string sql = Sql)
    {
        var template = InProcessQuery.Create(sql + " " + InProcess.Sources("trades")).Executor;
        var chains = OperatorChains.PerPartition(template, (partition, stores) =>
        {
            var query = InProcessQuery.Create(sql + " " + InProcess.Sources("trades"),
                new JobOptions { Log = TextWriter.Null, StateStores = stores, StatePartition = partition });
            _compiled.Add(query);
            return query.Executor;
        }, () => new ChangelogStateStores("app", _changelog, _changelog, [StatefulOperators.Aggregate, StatefulOperators.RepartitionOffsets]), durable: true, deduplicate: true);
        chains.Skipped = skipped;
        return chains;
    }

    /// <summary>Records of internal partition 0, each stamped with its source partition and offset as the first stage does.</summary>
    private SourceBatch Batch(params (string Symbol, int Partition, long Offset)[] records)
    {
        var batch = new SourceBatch(records.Length);
        foreach (var (symbol, partition, offset) in records)
        {
            var source = new SourceRecord { Partition = partition, Offset = offset };
            ref var r = ref batch.Add();
            r.Value = Encoding.UTF8.GetBytes(Trade(symbol));
            r.Topic = "trades";
            r.Partition = 0;
            r.Offset = _internalOffset++;
            r.TimestampMs = -1;
            r.Headers = SourcePositionHeaders.Stamp(source);
        }
        return batch;
    }

    private static string Trade(string symbol) => $$"""{"symbol":"{{symbol}}","price":1.5,"ts":1767605400000}""";

    private List<string> LastPerSymbol() =>
        [.. _compiled.SelectMany(q => q.Output.Lines).GroupBy(l => l[..15]).Select(g => g.Last()).Order()];
}
