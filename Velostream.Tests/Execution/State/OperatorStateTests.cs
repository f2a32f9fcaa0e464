using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.State;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.State;

/// <summary>Operators keep their keyed state in the stores the planner opens for them, and remove it when it is done.</summary>
public sealed class OperatorStateTests
{
    // 2026-01-05T09:30:00Z
    private const long T0 = 1767605400000;

    private static string Trade(string symbol, long ms) => $$"""{"symbol":"{{symbol}}","price":1,"ts":{{T0 + ms}}}""";

    private static IReadOnlyDictionary<string, int> Sizes(InProcessQuery query) =>
        query.Executor.State.Stores.ToDictionary(s => $"{s.Id.Operator}/{s.Id.Store}", s => s switch
        {
            IKeyValueStore<Velostream.Engine.Execution.Operators.Aggregates.GroupState> groups => groups.Count,
            _ => -1,
        });

    [Fact]
    public void A_tumbling_window_keeps_one_entry_per_window_and_key_and_drops_them_when_it_closes()
    {
        var q = InProcessQuery.Create("SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL " + InProcess.Sources("trades"));
        q.Push("trades", Trade("A", 0), Trade("B", 100), Trade("A", 200));
        Assert.Equal(2, Sizes(q)["aggregate/groups"]);

        q.Push("trades", Trade("A", 1500)); // closes [0 s, 1 s)
        Assert.Equal(1, Sizes(q)["aggregate/groups"]);
        Assert.Equal(2, q.Output.Lines.Count);
    }

    [Fact]
    public void A_stateless_query_opens_no_store()
    {
        var q = InProcessQuery.Create("SELECT symbol FROM trades WHERE price > 0 " + InProcess.Sources("trades"));
        q.Push("trades", Trade("A", 0));

        Assert.Empty(q.Executor.State.Stores);
    }
}
