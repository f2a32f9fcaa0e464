using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.File;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.Runtime;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;
using Velostream.Engine.Telemetry;
using static Velostream.Tests.Connectors.Kafka.KafkaTestTopics;

namespace Velostream.Tests.Connectors.Kafka;

/// <summary>
/// Scale-out on the embedded broker: a GROUP BY over a stream keyed by something else goes through
/// <c>&lt;app&gt;-&lt;job&gt;-repartition</c>, keyed by the group key, so that replicas sharing the
/// input's partitions each own whole groups; joined inputs must have equal partition counts.
/// </summary>
public sealed class KafkaPartitioningTests : IDisposable
{
    private const string Traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static readonly string[] Symbols = ["AAPL", "MSFT", "NVDA", "TSLA", "AMZN", "GOOG", "META"];
    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start();
    // The Kafka sources each replica (by number) built.
    private readonly ConcurrentBag<(int Replica, KafkaSource Source)> _sources = [];

    public void Dispose() => _cluster.Dispose();

    private const string CountsApp = """
        -- @app: shop
        CREATE STREAM counts AS
        SELECT symbol PRIMARY KEY, COUNT(*) AS n, SUM(volume) AS vol FROM md GROUP BY symbol EMIT CHANGES
        WITH ('md.type' = 'kafka_source', 'md.topic.name' = 'md', 'md.partitions' = '4',
              'md.session.timeout.ms' = '1000', 'md.heartbeat.interval.ms' = '200',
              'counts.type' = 'kafka_sink', 'counts.topic.name' = 'counts');
        """;

    // One engine replica: its own registry, the application's topics created as the job server does.
    private JobRunner Replica(string sql, int number = 0)
    {
        var check = SqlFrontEnd.Check(sql, "app.sql");
        Assert.Empty(check.Diagnostics);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:kafka", _cluster.BootstrapServers)]).Build();
        var registry = new ConnectorRegistry();
        FileConnectors.Register(registry);
        KafkaConnectors.Register(registry, configuration, VelostreamTelemetry.Default, (_, source) => _sources.Add((number, source)));
        foreach (var (topic, partitions) in KafkaConnectors.Topics(check.Statements, configuration, check.Application.Name))
        {
            _cluster.CreateTopic(topic, partitions);
        }
        var options = new JobOptions { AppName = check.Application.Name, CommitInterval = TimeSpan.FromMilliseconds(100), Log = TextWriter.Null };
        return new JobRunner(check.Statements[0], registry, options, SqlJobCompiler.JobName(check.Statements[0], 0));
    }

    // Orders keyed by their id (spread over the input's partitions), not by the symbol they are grouped by.
    private static List<(string? Key, string Value, RecordHeaders? Headers)> Orders(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => (
            (string?)$"order-{i}",
            $$"""{"symbol":"{{Symbols[random.Next(Symbols.Length)]}}","volume":{{random.Next(1, 1000)}}}""",
            (RecordHeaders?)new RecordHeaders { new("traceparent", Encoding.UTF8.GetBytes(Traceparent)) }))];
    }

    private static Dictionary<string, (long N, long Vol)> Expected(IEnumerable<(string? Key, string Value, RecordHeaders? Headers)> orders) =>
        orders.Select(o => JsonDocument.Parse(o.Value).RootElement)
            .GroupBy(e => e.GetProperty("symbol").GetString()!)
            .ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(e => e.GetProperty("volume").GetInt64())));

    // Every topic the job reads (its inputs, its internal topic), through whichever consumer group, has given each running replica part of its 4 partitions.
    // A join's group (one consumer over both its topics) once took over 30 s to settle under a full test run on a loaded machine.
    // A table read whole (every partition assigned, no group) is not part of it: topics counts the grouped ones.
    private async Task WaitUntilGroupsAreSettled(IReadOnlyCollection<int> running, int withinSeconds = 30, int topics = 2)
    {
        var deadline = DateTime.UtcNow.AddSeconds(withinSeconds);
        var sources = () => _sources.Where(s => running.Contains(s.Replica) && !s.Source.IsGlobal).Select(s => s.Source).GroupBy(s => $"{s.ConsumerGroup} {s.Topic}").ToList();
        while (DateTime.UtcNow < deadline)
        {
            var groups = sources();
            if (groups.Count == topics && groups.All(g => g.Count() == running.Count && g.All(s => s.AssignedPartitions > 0) && g.Sum(s => s.AssignedPartitions) == 4))
            {
                return;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"the replicas' consumer groups did not settle within {withinSeconds} s: "
            + string.Join("; ", sources().Select(g => $"{g.Key}: {string.Join(",", g.Select(s => s.AssignedPartitions))}")));
    }

    [Fact]
    public async Task Three_replicas_over_a_stream_keyed_differently_from_the_group_by_together_write_the_single_instance_answer()
    {
        var replicas = Enumerable.Range(0, 3).Select(i => Replica(CountsApp, i)).ToList();
        using var stop = new CancellationTokenSource();
        var running = new List<Task<JobState>>();
        // One at a time: each joins groups that are settled (the embedded broker can leave a member
        // without partitions when several join during one rebalance).
        foreach (var replica in replicas)
        {
            running.Add(replica.Start(stop.Token));
            await WaitUntilGroupsAreSettled([.. Enumerable.Range(0, running.Count)]);
        }

        var orders = Orders(3000, seed: 11);
        await ProduceAsync(_cluster, "md", orders);
        var expected = Expected(orders);

        // The union of the replicas' outputs: the last value written per key.
        var final = new Dictionary<string, (long N, long Vol)>();
        await ReadAsync(_cluster, "counts", TimeSpan.FromSeconds(60), records =>
        {
            foreach (var r in records)
            {
                var row = JsonDocument.Parse(r.Value).RootElement;
                final[Encoding.UTF8.GetString(r.Key)] = (row.GetProperty("n").GetInt64(), row.GetProperty("vol").GetInt64());
            }
            records.Clear();
            return final.Count == expected.Count && expected.All(e => final.GetValueOrDefault(e.Key) == e.Value);
        });
        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(running), state => Assert.Equal(JobState.Stopped, state));

        Assert.Equal(expected.OrderBy(p => p.Key), final.OrderBy(p => p.Key));
        // Each order was aggregated once, and the work was shared.
        Assert.Equal(3000, replicas.Sum(r => r.Stats.RecordsIn));
        Assert.True(replicas.Count(r => r.Stats.RecordsIn > 0) >= 2, string.Join(", ", replicas.Select(r => r.Stats.RecordsIn)));
    }

    [Fact]
    public async Task Replicas_joining_and_leaving_during_the_run_together_write_the_single_instance_answer()
    {
        // Seeded: the orders, and which replica leaves at each leave. Five phases of input, a join or a
        // leave between each two; every phase is read and committed before the next rebalance.
        var orders = Orders(5000, seed: 17);
        var expected = Expected(orders);
        var replicas = new ReplicaSet(this, CountsApp, new Random(23));
        var all = new List<JobRunner>();
        await replicas.Join();
        await replicas.Join();
        Func<Task>[] rebalances = [replicas.Join, replicas.Leave, replicas.Join, replicas.Leave];
        for (var phase = 0; phase < 5; phase++)
        {
            all.AddRange(replicas.Jobs.Except(all));
            await ProduceAsync(_cluster, "md", orders.Skip(phase * 1000).Take(1000));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (all.Sum(r => r.Stats.RecordsIn) < (phase + 1) * 1000 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
            await Task.Delay(500, TestContext.Current.CancellationToken); // several commit intervals
            if (phase < rebalances.Length) await rebalances[phase]();
        }

        var final = new Dictionary<string, (long N, long Vol)>();
        await ReadAsync(_cluster, "counts", TimeSpan.FromSeconds(30), records =>
        {
            foreach (var r in records)
            {
                var row = JsonDocument.Parse(r.Value).RootElement;
                final[Encoding.UTF8.GetString(r.Key)] = (row.GetProperty("n").GetInt64(), row.GetProperty("vol").GetInt64());
            }
            records.Clear();
            return final.Count == expected.Count && expected.All(e => final.GetValueOrDefault(e.Key) == e.Value);
        });
        await replicas.StopAll();

        Assert.Equal(expected.OrderBy(p => p.Key), final.OrderBy(p => p.Key));
    }

    private const string JoinQuery =
        "SELECT o.id, o.qty, f.price FROM orders o JOIN fills f ON o.id = f.id AND f.ts BETWEEN o.ts AND o.ts + INTERVAL '1' SECOND";

    private const string JoinApp = $"""
        -- @app: shop
        CREATE STREAM matched AS
        {JoinQuery}
        WITH ('orders.type' = 'kafka_source', 'orders.topic.name' = 'orders', 'orders.partitions' = '4',
              'orders.session.timeout.ms' = '1000', 'orders.heartbeat.interval.ms' = '200',
              'fills.type' = 'kafka_source', 'fills.topic.name' = 'fills', 'fills.partitions' = '4',
              'matched.type' = 'kafka_sink', 'matched.topic.name' = 'matched');
        """;

    [Fact]
    public async Task Replicas_joining_and_leaving_during_a_join_of_two_topics_together_write_the_single_instance_matches()
    {
        // Orders and their fills, both keyed by order id: partition p of one holds the partners of partition p of the other.
        var random = new Random(31);
        var input = new List<(string Source, string Id, string Json, long Ts)>();
        for (var i = 0; i < 2000; i++)
        {
            var t = 1_767_605_400_000 + i * 5L;
            input.Add(("orders", $"o{i}", $$"""{"id":"o{{i}}","qty":{{random.Next(1, 100)}},"ts":{{t}}}""", t));
            var fill = t + random.Next(0, 1500);
            input.Add(("fills", $"o{i}", $$"""{"id":"o{{i}}","price":{{random.Next(1, 500)}}.25,"ts":{{fill}}}""", fill));
        }
        input = [.. input.OrderBy(r => r.Ts)];
        var single = InProcessQuery.Create($"{JoinQuery} {Support.InProcess.Sources("orders", "fills")}");
        foreach (var record in input) single.Push(record.Source, record.Json);
        single.Finish();
        var expected = single.Output.Lines.ToHashSet();
        Assert.InRange(expected.Count, 1_000, 1_800);

        // Seeded: which replica leaves at each leave. Five phases of input, a join or a leave between each two.
        var replicas = new ReplicaSet(this, JoinApp, new Random(29), withinSeconds: 60);
        var all = new List<JobRunner>();
        await replicas.Join();
        await replicas.Join();
        Func<Task>[] rebalances = [replicas.Join, replicas.Leave, replicas.Join, replicas.Leave];
        var phase = input.Count / 5;
        for (var p = 0; p < 5; p++)
        {
            all.AddRange(replicas.Jobs.Except(all));
            foreach (var topic in new[] { "orders", "fills" })
            {
                await ProduceAsync(_cluster, topic, input.Skip(p * phase).Take(phase).Where(r => r.Source == topic).Select(r => ((string?)r.Id, r.Json, (RecordHeaders?)null)));
            }
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (all.Sum(r => r.Stats.RecordsIn) < (p + 1) * phase && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
            await Task.Delay(500, TestContext.Current.CancellationToken); // several commit intervals
            if (p < rebalances.Length) await rebalances[p]();
        }

        var matched = new HashSet<string>();
        await ReadAsync(_cluster, "matched", TimeSpan.FromSeconds(30), records =>
        {
            matched.UnionWith(records.Select(r => r.Value));
            records.Clear();
            return expected.IsSubsetOf(matched);
        });
        await replicas.StopAll();

        Assert.Equal(expected.Order(), matched.Order());
        // Both inputs of a replica are read through one consumer of one group.
        Assert.All(_sources.GroupBy(s => s.Replica), r => Assert.Single(r.Select(s => s.Source.ConsumerGroup).Distinct()));
    }

    private const string LeftJoinApp = """
        -- @app: shop
        CREATE STREAM unfilled AS
        SELECT o.id, o.qty, f.price FROM orders o
        LEFT JOIN fills f ON o.id = f.id AND f.ts BETWEEN o.ts AND o.ts + INTERVAL '1' SECOND
        WITH ('orders.type' = 'kafka_source', 'orders.topic.name' = 'orders',
              'fills.type' = 'kafka_source', 'fills.topic.name' = 'fills',
              'unfilled.type' = 'kafka_sink', 'unfilled.topic.name' = 'unfilled');
        """;

    [Fact]
    public async Task A_left_interval_join_of_two_topics_writes_unmatched_rows_once_the_slower_input_passes_their_bound()
    {
        // Kafka inputs never end: only the watermark (the smaller of the two inputs' times) releases a
        // row that found no partner. Orders o2 and o3 get no fill; the fills topic first stays at t + 0.5 s.
        const long t = 1_767_605_400_000;
        var job = Replica(LeftJoinApp);
        using var stop = new CancellationTokenSource();
        var running = job.Start(stop.Token);
        static (string?, string, RecordHeaders?) Order(int id, long ts) => ($"o{id}", $$"""{"id":"o{{id}}","qty":{{id * 10}},"ts":{{ts}}}""", null);
        static (string?, string, RecordHeaders?) Fill(int id, long ts) => ($"o{id}", $$"""{"id":"o{{id}}","price":{{id}}.5,"ts":{{ts}}}""", null);
        async Task<List<string>> OutputOnceRead(long recordsIn, int expected)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (job.Stats.RecordsIn < recordsIn && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
            var read = await ReadAsync(_cluster, "unfilled", TimeSpan.FromSeconds(10), r => r.Count >= expected);
            return [.. read.Select(r => r.Value).Order()];
        }

        await ProduceAsync(_cluster, "orders", [Order(1, t), Order(2, t + 100), Order(3, t + 200), Order(4, t + 5_000)]);
        await ProduceAsync(_cluster, "fills", [Fill(1, t + 500)]);
        Assert.Equal(["""{"id":"o1","qty":10,"price":1.5}"""], await OutputOnceRead(5, 1));
        await Task.Delay(500, TestContext.Current.CancellationToken); // several commit intervals: still nothing unmatched
        Assert.Single(ReadPartition(_cluster, "unfilled").Records);

        // The fills move on to t + 5.2 s: both inputs are past o2's and o3's bound (ts + 1 s).
        await ProduceAsync(_cluster, "fills", [Fill(4, t + 5_200)]);
        var output = await OutputOnceRead(6, 4);
        await stop.CancelAsync();
        Assert.Equal(JobState.Stopped, await running);

        Assert.Equal(
        [
            """{"id":"o1","qty":10,"price":1.5}""",
            """{"id":"o2","qty":20,"price":null}""",
            """{"id":"o3","qty":30,"price":null}""",
            """{"id":"o4","qty":40,"price":4.5}""",
        ], output);
    }

    private const string EnrichApp = """
        -- @app: shop
        CREATE STREAM enriched AS
        SELECT o.id, o.qty, i.name FROM orders o JOIN instruments i ON o.symbol = i.symbol
        WITH ('orders.type' = 'kafka_source', 'orders.topic.name' = 'orders', 'orders.partitions' = '4',
              'orders.session.timeout.ms' = '1000', 'orders.heartbeat.interval.ms' = '200',
              'instruments.type' = 'kafka_source', 'instruments.topic.name' = 'instruments', 'instruments.partitions' = '4',
              'enriched.type' = 'kafka_sink', 'enriched.topic.name' = 'enriched');
        """;

    [Fact]
    public async Task Replicas_joining_and_leaving_during_a_stream_table_join_with_a_table_update_together_write_the_single_instance_answer()
    {
        // The table keyed by symbol, the orders by order id (4 partitions each): an order's instrument is
        // in any partition of the table, so every replica must hold the whole table.
        static (string?, string, RecordHeaders?) Instrument(string symbol, int version) =>
            (symbol, $$"""{"symbol":"{{symbol}}","name":"{{symbol}} v{{version}}"}""", null);
        var random = new Random(41);
        var orders = Enumerable.Range(0, 1200).Select(i => (Id: $"o{i}", Symbol: Symbols[random.Next(Symbols.Length)], Qty: random.Next(1, 100))).ToList();
        var updated = Symbols.Take(3).ToHashSet();
        // One instance's answer: orders before the update see version 1 of every instrument, those after it version 2 of the updated ones.
        var expected = orders.Select((o, i) => $"{o.Id} {o.Qty} {o.Symbol} v{(i >= 600 && updated.Contains(o.Symbol) ? 2 : 1)}").ToHashSet();
        await ProduceAsync(_cluster, "instruments", Symbols.Select(s => Instrument(s, 1)));

        var replicas = new ReplicaSet(this, EnrichApp, new Random(43), topics: 1);
        async Task UpdateTable()
        {
            await ProduceAsync(_cluster, "instruments", updated.Select(s => Instrument(s, 2)));
            // Every running replica has read the update (its table source, all 4 partitions, read whole).
            var tables = () => _sources.Where(s => replicas.Runs(s.Replica) && s.Source.IsGlobal).Select(s => s.Source).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!tables().All(t => t.Position == Symbols.Length + updated.Count) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
            Assert.Equal(replicas.Count, tables().Count(t => t.Position == Symbols.Length + updated.Count));
        }

        var written = new HashSet<string>();
        await replicas.Join();
        await replicas.Join();
        Func<Task>[] between = [replicas.Join, UpdateTable, replicas.Leave];
        for (var phase = 0; phase < 4; phase++)
        {
            var part = orders.Skip(phase * 300).Take(300).ToList();
            await ProduceAsync(_cluster, "orders", part.Select(o => ((string?)o.Id, $$"""{"id":"{{o.Id}}","symbol":"{{o.Symbol}}","qty":{{o.Qty}}}""", (RecordHeaders?)null)));
            // The phase is joined (by whichever replicas own its partitions) before the next change.
            var seen = orders.Take((phase + 1) * 300).Select(o => o.Id).ToHashSet();
            await ReadAsync(_cluster, "enriched", TimeSpan.FromSeconds(30), records =>
            {
                written = [.. records.Select(r => r.Value)];
                return seen.IsSubsetOf(written.Select(v => JsonDocument.Parse(v).RootElement.GetProperty("id").GetString()!));
            });
            await Task.Delay(300, TestContext.Current.CancellationToken); // several commit intervals
            if (phase < between.Length) await between[phase]();
        }
        await replicas.StopAll();

        // Each order joined with the instrument version of its time (a rebalance may write one again: the same row).
        var union = written.Select(v => JsonDocument.Parse(v).RootElement)
            .Select(r => $"{r.GetProperty("id").GetString()} {r.GetProperty("qty").GetInt32()} {r.GetProperty("name").GetString()}").ToHashSet();
        Assert.Equal(expected.Order(), union.Order());
        // The table was read whole, outside any group; the orders were shared through the group.
        Assert.All(_sources.Where(s => s.Source.Topic == "instruments"), s => Assert.True(s.Source.IsGlobal && s.Source.ConsumerGroup is null));
    }

    [Fact]
    public async Task The_repartition_topic_holds_every_input_record_unchanged_keyed_by_its_group_key_one_partition_per_key()
    {
        var job = Replica(CountsApp);
        using var stop = new CancellationTokenSource();
        var running = job.Start(stop.Token);
        var orders = Orders(400, seed: 5);
        await ProduceAsync(_cluster, "md", orders);

        static bool IsWatermark(Consumed r) => r.Headers?.GetLast(WatermarkRecord.Header) is not null;
        var all = await ReadAsync(_cluster, "shop-counts-repartition", TimeSpan.FromSeconds(30), records => records.Count(r => !IsWatermark(r)) >= orders.Count);
        await ConsumeAsync(_cluster, "counts", 1);
        await stop.CancelAsync();
        Assert.Equal(JobState.Stopped, await running);
        var through = all.Where(r => !IsWatermark(r)).ToList();
        // Besides them, every partition has the first stage's watermark records (the stateful stage's event time).
        Assert.Equal(Enumerable.Range(0, 4), all.Where(IsWatermark).Select(r => r.Partition).Distinct().Order());

        Assert.Equal(orders.Select(o => o.Value).Order(), through.Select(r => r.Value).Order());
        Assert.All(through, r => Assert.Equal(1_700_000_000_000, r.TimestampMs));
        Assert.All(through, r => Assert.Equal(Traceparent[..35], Header(r.Headers, "traceparent")[..35]));
        // One partition per symbol, and the symbols spread over more than one partition.
        var bySymbol = through.GroupBy(r => JsonDocument.Parse(r.Value).RootElement.GetProperty("symbol").GetString()).ToList();
        Assert.All(bySymbol, g => Assert.Single(g.Select(r => r.Partition).Distinct()));
        Assert.All(bySymbol, g => Assert.Single(g.Select(r => Convert.ToHexString(r.Key)).Distinct()));
        Assert.True(through.Select(r => r.Partition).Distinct().Count() > 1);
    }

    [Fact]
    public async Task A_job_joining_kafka_inputs_of_different_partition_counts_fails_at_start_naming_both_counts()
    {
        _cluster.CreateTopic("bids", 2);
        _cluster.CreateTopic("asks", 3);
        var job = Replica("""
            -- @app: shop
            CREATE STREAM spreads AS
            SELECT b.symbol, a.price - b.price AS spread FROM bids b
            JOIN asks a ON a.symbol = b.symbol AND a.ts BETWEEN b.ts - INTERVAL '1' SECOND AND b.ts
            WITH ('bids.type' = 'kafka_source', 'asks.type' = 'kafka_source',
                  'spreads.type' = 'kafka_sink', 'spreads.topic.name' = 'spreads');
            """);

        Assert.Equal(JobState.Failed, await job.RunAsync(TestContext.Current.CancellationToken));
        Assert.Equal(
            "app.sql:4:1: error: the inputs of this join are not co-partitioned: 'bids' has 2 partition(s) and 'asks' has 3; "
            + "each replica joins the same partitions of both, so give them the same partition count",
            job.Stats.LastError);
    }

    /// <summary>
    /// The running replicas of one application during a run: joins start the next one, leaves stop one
    /// drawn from a seeded schedule; each waits until the replicas' groups have settled.
    /// </summary>
    private sealed class ReplicaSet(KafkaPartitioningTests test, string app, Random schedule, int withinSeconds = 30, int topics = 2)
    {
        private readonly Dictionary<int, (JobRunner Job, CancellationTokenSource Stop, Task<JobState> Run)> _running = [];
        private int _next;

        public int Count => _running.Count;

        public IEnumerable<JobRunner> Jobs => _running.Values.Select(r => r.Job);

        public bool Runs(int replica) => _running.ContainsKey(replica);

        public async Task Join()
        {
            var number = _next++;
            var job = test.Replica(app, number);
            var stop = new CancellationTokenSource();
            _running[number] = (job, stop, job.Start(stop.Token));
            await test.WaitUntilGroupsAreSettled(_running.Keys, withinSeconds, topics);
        }

        public async Task Leave()
        {
            var number = _running.Keys.ElementAt(schedule.Next(_running.Count));
            await Stop(number);
            await test.WaitUntilGroupsAreSettled(_running.Keys, withinSeconds, topics);
        }

        public async Task StopAll()
        {
            foreach (var number in _running.Keys.ToList()) await Stop(number);
        }

        private async Task Stop(int number)
        {
            var (_, stop, run) = _running[number];
            _running.Remove(number);
            await stop.CancelAsync();
            Assert.Equal(JobState.Stopped, await run);
            stop.Dispose();
        }
    }
}
