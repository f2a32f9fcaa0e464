using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.State;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.State;

/// <summary>
/// A job built again over the state stores of a job that stopped continues where it stopped: its
/// outputs and the first job's together are what one uninterrupted job writes. This is what a
/// durable store restored on start must give; here the stores are the in-memory ones, kept.
/// </summary>
public sealed class RestartFromStoresTests
{
    // 2026-01-05T09:30:00Z
    private const long T0 = 1767605400000;

    private static string Trade(string symbol, long ms, int price = 1) => $$"""{"symbol":"{{symbol}}","price":{{price}},"ts":{{T0 + ms}}}""";

    private static readonly string[] Trades =
    [
        Trade("A", 0, 1), Trade("B", 100, 2), Trade("A", 900, 3), Trade("B", 1200, 4), Trade("A", 1300, 5),
        Trade("C", 2500, 6), Trade("A", 2600, 7), Trade("B", 4100, 8), Trade("C", 4200, 9), Trade("A", 6000, 10),
    ];

    [Theory]
    [InlineData("SELECT symbol, COUNT(*) AS n, SUM(price) AS total FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL")]
    [InlineData("SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol WINDOW SLIDING(ts, 2s, 1s) EMIT FINAL")]
    [InlineData("SELECT symbol, COUNT(*) AS n, MAX(price) AS top FROM trades GROUP BY symbol WINDOW SESSION(ts, 1s) EMIT FINAL")]
    [InlineData("SELECT symbol, COUNT(*) AS n, SUM(price) AS total FROM trades GROUP BY symbol EMIT CHANGES")]
    [InlineData("SELECT symbol, FIRST_VALUE(price) AS open, LAST_VALUE(price) AS close FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 2s) EMIT FINAL")]
    [InlineData("SELECT symbol, FIRST_VALUE(price) AS open, LAST_VALUE(price) AS close FROM trades GROUP BY symbol WINDOW SESSION(ts, 2s) EMIT FINAL")]
    [InlineData("SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol EMIT FINAL")]
    [InlineData("SELECT symbol, price, LAG(price, 1) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol) AS prev FROM trades")]
    [InlineData("SELECT symbol, price, LEAD(price, 1) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol) AS next FROM trades")]
    public void A_job_rebuilt_over_the_stores_of_a_stopped_one_writes_what_one_uninterrupted_job_writes(string query)
    {
        var sql = $"{query} {InProcess.Sources("trades")}";
        var whole = InProcess.Run(sql, "trades", Trades);

        for (var stop = 1; stop < Trades.Length; stop++)
        {
            var stores = new InMemoryStateStores();
            var options = new JobOptions { Log = TextWriter.Null, StateStores = stores };
            var first = InProcessQuery.Create(sql, options);
            first.Push("trades", Trades[..stop]);
            var second = InProcessQuery.Create(sql, options);
            second.Push("trades", Trades[stop..]);
            second.Finish();

            Assert.Equal(whole, [.. first.Output.Lines, .. second.Output.Lines]);
        }
    }

    [Fact]
    public void An_interval_join_rebuilt_over_its_buffers_still_matches_rows_buffered_before_the_stop()
    {
        var sql = "SELECT o.id, e.qty FROM orders o LEFT JOIN fills e ON o.id = e.id AND e.ts BETWEEN o.ts AND o.ts + INTERVAL '1' SECOND "
            + InProcess.Sources("orders", "fills");
        string Row(string id, long ms, int qty = 0) => $$"""{"id":"{{id}}","qty":{{qty}},"ts":{{T0 + ms}}}""";
        var stores = new InMemoryStateStores();
        var options = new JobOptions { Log = TextWriter.Null, StateStores = stores };

        var first = InProcessQuery.Create(sql, options);
        first.Push("orders", Row("o1", 0), Row("o2", 100));
        var second = InProcessQuery.Create(sql, options);
        second.Push("fills", Row("o1", 500, 7));
        second.Finish();

        Assert.Empty(first.Output.Lines);
        Assert.Equal(["""{"id":"o1","qty":7}""", """{"id":"o2","qty":null}"""], second.Output.Lines);
    }
}
