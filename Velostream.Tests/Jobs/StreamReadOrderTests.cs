using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.File;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Configuration;
using Velostream.Tests.Support;

namespace Velostream.Tests.Jobs;

/// <summary>
/// Which stream a job reads next: the one behind in event time, except one whose last read came back
/// empty, which gives way to the others for a moment (else a quiet input starves the other forever).
/// </summary>
public sealed class StreamReadOrderTests
{
    private long _now = 1_000;

    private StreamReadOrder Order(int sources) => new(sources, () => _now);

    [Fact]
    public void The_stream_furthest_behind_in_event_time_is_read_next()
    {
        var order = Order(2);
        long[] times = [5_000, 3_000];

        Assert.Equal(1, order.Next([0, 1], i => times[i]));
        order.Read(1, 10);
        Assert.Equal(1, order.Next([0, 1], i => times[i]));
    }

    [Fact]
    public void A_stream_whose_read_came_back_empty_gives_way_to_the_others_until_its_quiet_time_passed()
    {
        var order = Order(2);
        long[] times = [3_000, 5_000];
        order.Read(0, 0);

        // Behind, but quiet: the other stream is read, again and again, while the quiet time lasts.
        Assert.Equal(1, order.Next([0, 1], i => times[i]));
        order.Read(1, 10);
        _now += StreamReadOrder.QuietMs - 1;
        Assert.Equal(1, order.Next([0, 1], i => times[i]));

        _now += 1;
        Assert.Equal(0, order.Next([0, 1], i => times[i]));
        order.Read(0, 4);
        Assert.Equal(0, order.Next([0, 1], i => times[i]));
    }

    [Fact]
    public void When_every_stream_is_quiet_the_one_behind_is_read_and_equal_times_take_turns()
    {
        var order = Order(2);
        order.Read(0, 0);
        order.Read(1, 0);
        long[] times = [3_000, 5_000];
        Assert.Equal(0, order.Next([0, 1], i => times[i]));

        var same = new[] { order.Next([0, 1], _ => 7), order.Next([0, 1], _ => 7) };
        Assert.Equal([0, 1], same.Order());
    }

    [Fact]
    public async Task An_interval_join_still_reads_the_partners_of_its_last_rows_once_the_other_input_went_quiet()
    {
        // Orders stop at 1 s; the fills read first run ahead of them in event time (partition by partition,
        // as a consumer catching up hands them out), and the fill of o1 comes after. Reading only the stream
        // furthest behind, the job read the quiet orders forever and never this fill.
        var orders = new ScriptedStreamSource("orders", [(1_000, """{"id":"o1","ts":1000}""")]);
        var fills = new ScriptedStreamSource("fills",
            [(3_000, """{"id":"o9","price":9,"ts":3000}""")],
            [(1_500, """{"id":"o1","price":2,"ts":1500}""")]);
        using var dir = new TempFolder();
        var registry = new ConnectorRegistry();
        FileConnectors.Register(registry);
        registry.AddSource(ConnectorCatalog.FileSource, context => context.Config.Name == "orders" ? orders : fills);
        var sql = """
            CREATE STREAM matched AS
            SELECT o.id, f.price FROM orders o JOIN fills f ON o.id = f.id AND f.ts BETWEEN o.ts AND o.ts + INTERVAL '1' SECOND
            WITH ('orders.type' = 'file_source', 'orders.path' = 'orders.jsonl', 'fills.type' = 'file_source', 'fills.path' = 'fills.jsonl',
                  'matched.type' = 'file_sink', 'matched.path' = 'matched.jsonl')
            """;
        var check = SqlFrontEnd.Check(sql, dir.File("app.sql"));
        Assert.True(check.Succeeded, string.Join("\n", check.Diagnostics));
        var runner = new JobRunner(check.Statements[0], registry, new JobOptions { BaseDirectory = dir.Path, Log = TextWriter.Null }, "matched");
        using var stop = new CancellationTokenSource();
        var run = runner.Start(stop.Token);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (fills.BatchesRead < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        await stop.CancelAsync();
        Assert.Equal(JobState.Stopped, await run);

        Assert.Equal(2, fills.BatchesRead);
        Assert.Equal("{\"id\":\"o1\",\"price\":2}\n", dir.Read("matched.jsonl"));
    }
}
