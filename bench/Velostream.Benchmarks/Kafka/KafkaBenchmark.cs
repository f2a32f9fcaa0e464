using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.File;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Logical;
using Velostream.Engine.Telemetry;

namespace Velostream.Benchmarks.Kafka;

/// <summary>
/// End-to-end Kafka figures on the embedded broker, all in one run: a raw consume → produce
/// passthrough (the ceiling the broker and client allow), then the engine on S1 (filter/projection)
/// and S2 (1 s tumbling aggregate), each reading the same preloaded topic through the real
/// connectors; then S1's end-to-end latency at an offered 10,000 records/s.
/// </summary>
internal static class KafkaBenchmark
{
    public static int Run(string[] args)
    {
        var records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        using var cluster = EmbeddedKafkaCluster.Start(brokerCount: 3);
        var client = new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers };
        foreach (var topic in new[] { "bench_in", "bench_pass", "bench_s1", "bench_s2", "bench_s2_mem", "bench_s3", "bench_s3_mem", "lat_in", "lat_s1" })
        {
            // Several partitions: the mock broker stops serving fetches of a single partition after
            // roughly 48,000 records (its in-memory log segments), far below what a real broker holds.
            cluster.CreateTopic(topic, partitions: 8);
        }
        Console.WriteLine($"Kafka benchmark: {records:N0} market-data records (~120 bytes) on the embedded broker ({Environment.ProcessorCount} cores)");
        Preload(client, "bench_in", records).GetAwaiter().GetResult();

        var (passthrough, available) = Passthrough(client, records).GetAwaiter().GetResult();
        if (available < records)
        {
            // Seen with ~120-byte records: the mock broker acknowledges every record but its log ends
            // a few percent short (high watermark reached, no consumer error). Rates use what exists.
            Console.WriteLine($"  note: the embedded broker holds {available:N0} of the {records:N0} acknowledged records");
        }
        records = (int)available;
        Report("passthrough (consume → produce)", records, passthrough, null);
        var s1 = Engine(cluster, "S1", """
            CREATE STREAM bench_s1 AS SELECT symbol, price, volume FROM bench_in WHERE price > 200 EMIT CHANGES
            WITH ('bench_in.type' = 'kafka_source', 'bench_s1.type' = 'kafka_sink')
            """, records).GetAwaiter().GetResult();
        Report("S1 filter + projection", records, s1, passthrough);
        // S2 and S3 with their state in changelog topics (the default) and in memory only.
        foreach (var (name, label, emit) in new[] { ("S2", "S2 tumbling 1 s aggregate", "WINDOW TUMBLING(INTERVAL '1' SECOND) EMIT FINAL"), ("S3", "S3 = S2 with EMIT CHANGES", "EMIT CHANGES") })
        {
            TimeSpan? durable = null;
            foreach (var (suffix, changelog) in new[] { ("", "true"), ("_mem", "false") })
            {
                var output = $"bench_{name.ToLowerInvariant()}{suffix}";
                var elapsed = Engine(cluster, name + suffix, $"""
                    CREATE TABLE {output} AS
                    SELECT symbol, AVG(price) AS avg_price, MIN(price) AS low, MAX(price) AS high, SUM(volume) AS volume, COUNT(*) AS ticks
                    FROM bench_in GROUP BY symbol {emit}
                    WITH ('bench_in.type' = 'kafka_source', 'bench_in.key.field' = 'symbol', '{output}.type' = 'kafka_sink', 'state.changelog' = '{changelog}')
                    """, records).GetAwaiter().GetResult();
                Report($"{label}, changelog {(changelog == "true" ? "on" : "off")}", records, elapsed, passthrough);
                if (durable is { } on)
                {
                    Console.WriteLine($"  {name} changelog on ÷ off: {elapsed.TotalSeconds / on.TotalSeconds:0.00}");
                }
                durable ??= elapsed;
            }
        }
        Latency(cluster, client).GetAwaiter().GetResult();
        ChangelogRestoreBenchmark.Run(cluster, keys: 1_000_000);
        return 0;
    }

    private const string S2 = """
        CREATE TABLE {0} AS
        SELECT symbol, AVG(price) AS avg_price, MIN(price) AS low, MAX(price) AS high, SUM(volume) AS volume, COUNT(*) AS ticks
        FROM bench_in GROUP BY symbol WINDOW TUMBLING(INTERVAL '1' SECOND) EMIT {1}
        WITH ('bench_in.type' = 'kafka_source', 'bench_in.key.field' = 'symbol', '{0}.type' = 'kafka_sink', 'use_transactions' = '{2}')
        """;

    /// <summary>
    /// S2 (tumbling, EMIT FINAL) and S3 (the same, EMIT CHANGES: one output per input) on one preloaded
    /// topic, each without and then with <c>'use_transactions'</c>, in the same process; every pair is run
    /// <c>rounds</c> times (at-least-once first, then with transactions) and the ratio reported is the median
    /// of the rounds' ratios, with their range and the rates from the summed times. A warm-up job runs first.
    /// </summary>
    public static int RunTransactions(string[] args)
    {
        using var cluster = Rounds(args, "Kafka transactions benchmark", out var records, out var rounds);
        Engine(cluster, "warmup", string.Format(CultureInfo.InvariantCulture, S2, "bench_warmup", "FINAL", "false"), records).GetAwaiter().GetResult();
        foreach (var (scenario, emit) in new[] { ("S2", "FINAL"), ("S3", "CHANGES") })
        {
            var totals = new TimeSpan[2];
            var ratios = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var times = new TimeSpan[2];
                for (var mode = 0; mode < 2; mode++)
                {
                    var transactional = mode == 1;
                    var name = $"{scenario}_{(transactional ? "eos" : "alo")}_{round}";
                    var topic = "bench_" + name.ToLowerInvariant();
                    cluster.CreateTopic(topic, partitions: 8);
                    var elapsed = Engine(cluster, name, string.Format(CultureInfo.InvariantCulture, S2, topic, emit, transactional ? "true" : "false"), records).GetAwaiter().GetResult();
                    totals[mode] += elapsed;
                    times[mode] = elapsed;
                    Report($"{scenario} {(transactional ? "with transactions" : "at-least-once")} #{round + 1}", records, elapsed, null);
                }
                ratios.Add(times[0].TotalSeconds / times[1].TotalSeconds);
            }
            ratios.Sort();
            Console.WriteLine(
                $"  {scenario}: with transactions {ratios[ratios.Count / 2]:0.00} × at-least-once (median of the rounds' ratios; "
                + $"{ratios[0]:0.00}–{ratios[^1]:0.00}; summed: {records * rounds / totals[1].TotalSeconds:N0} vs {records * rounds / totals[0].TotalSeconds:N0} records/s)");
        }
        return 0;
    }

    /// <summary>
    /// S2 (tumbling 1 s, EMIT FINAL) read directly (the input declares it is keyed by the GROUP BY key) and
    /// through its repartition topic (it does not: a first stage re-keys every record and writes watermark
    /// records, the stateful stage reads the internal topic), alternated <c>rounds</c> times on one preloaded
    /// topic; the ratio reported is the median of the rounds' ratios.
    /// </summary>
    public static int RunRepartition(string[] args)
    {
        using var cluster = Rounds(args, "Kafka repartition benchmark", out var records, out var rounds);
        var ratios = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var times = new TimeSpan[2];
            for (var mode = 0; mode < 2; mode++)
            {
                var repartitioned = mode == 1;
                var name = $"S2_{(repartitioned ? "repartitioned" : "direct")}_{round}";
                var topic = "bench_" + name.ToLowerInvariant();
                cluster.CreateTopic(topic, partitions: 8);
                // The internal topic, named from the application and the job as the runner names them.
                if (repartitioned) cluster.CreateTopic(Repartition.TopicName("bench_" + name, name), partitions: 8);
                var keyField = repartitioned ? "" : "'bench_in.key.field' = 'symbol', ";
                times[mode] = Engine(cluster, name, $"""
                    CREATE TABLE {topic} AS
                    SELECT symbol, AVG(price) AS avg_price, MIN(price) AS low, MAX(price) AS high, SUM(volume) AS volume, COUNT(*) AS ticks
                    FROM bench_in GROUP BY symbol WINDOW TUMBLING(INTERVAL '1' SECOND) EMIT FINAL
                    WITH ('bench_in.type' = 'kafka_source', 'bench_in.partitions' = '8', {keyField}'{topic}.type' = 'kafka_sink')
                    """, records).GetAwaiter().GetResult();
                Report($"S2 {(repartitioned ? "through the repartition topic" : "direct")} #{round + 1}", records, times[mode], null);
            }
            ratios.Add(times[0].TotalSeconds / times[1].TotalSeconds);
        }
        ratios.Sort();
        Console.WriteLine($"  S2 through the repartition topic: {ratios[ratios.Count / 2]:0.00} × direct (median of the rounds' ratios; {ratios[0]:0.00}–{ratios[^1]:0.00})");
        return 0;
    }

    /// <summary>
    /// A benchmark of rounds (arguments: <c>[records] [rounds]</c>): the embedded broker with 3 brokers and
    /// <c>bench_in</c> (8 partitions) preloaded; <paramref name="records"/> is what its log holds of them.
    /// </summary>
    private static EmbeddedKafkaCluster Rounds(string[] args, string title, out int records, out int rounds)
    {
        records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var cluster = EmbeddedKafkaCluster.Start(brokerCount: 3);
        var client = new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers };
        cluster.CreateTopic("bench_in", partitions: 8);
        Console.WriteLine($"{title}: {records:N0} market-data records (~120 bytes) on the embedded broker ({Environment.ProcessorCount} cores), {rounds} round(s)");
        Preload(client, "bench_in", records).GetAwaiter().GetResult();
        records = (int)Math.Min(records, Passthrough(client, records).GetAwaiter().GetResult().Copied);
        return cluster;
    }

    private static void Report(string name, int records, TimeSpan elapsed, TimeSpan? passthrough)
    {
        var rate = records / elapsed.TotalSeconds;
        var ratio = passthrough is { } p ? $", {p.TotalSeconds / elapsed.TotalSeconds:0.00} × passthrough" : "";
        Console.WriteLine($"  {name,-34} {rate,12:N0} records/s ({elapsed.TotalSeconds:0.00} s{ratio})");
    }

    private static byte[] Quote(Random random, long timestampMs, out byte[] key)
    {
        var symbols = new[] { "AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "TSLA", "META", "JPM" };
        var symbol = symbols[random.Next(symbols.Length)];
        key = Encoding.UTF8.GetBytes(symbol);
        var price = (100m + random.Next(0, 20_000) / 100m).ToString(CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(
            $$"""{"symbol":"{{symbol}}","exchange":"NASDAQ","price":{{price}},"volume":{{random.Next(100, 5000)}},"timestamp":{{timestampMs}}}""");
    }

    private static async Task Preload(Dictionary<string, string> client, string topic, int records)
    {
        var random = new Random(1);
        await using var sink = new KafkaSink(topic, topic, client, "bench-loader", VelostreamTelemetry.Default);
        var start = 1_700_000_000_000L;
        for (var i = 0; i < records; i++)
        {
            // 10 records per event-time millisecond: S2 closes a window every 10,000 records.
            var value = Quote(random, start + i / 10, out var key);
            sink.Write(key, value, null, start + i / 10);
            if (i % 10_000 == 9_999)
            {
                await sink.FlushAsync(CancellationToken.None);
            }
        }
        await sink.FlushAsync(CancellationToken.None);
    }

    private static async Task<(TimeSpan Elapsed, long Copied)> Passthrough(Dictionary<string, string> client, int records)
    {
        var consumer = new Dictionary<string, string>(client) { ["group.id"] = "bench-pass", ["isolation.level"] = "read_uncommitted" };
        await using var source = new KafkaSource("bench_in", ["bench_in"], consumer, "bench-pass");
        await using var sink = new KafkaSink("bench_pass", "bench_pass", client, "bench-pass", VelostreamTelemetry.Default);
        var batch = new SourceBatch(4096);
        var clock = Stopwatch.StartNew();
        var commitClock = Stopwatch.StartNew();
        long copied = 0;
        var lastProgress = TimeSpan.Zero;
        while (copied < records && clock.Elapsed - lastProgress < TimeSpan.FromSeconds(2))
        {
            await source.ReadBatchAsync(batch, 4096, CancellationToken.None);
            if (batch.Count > 0)
            {
                lastProgress = clock.Elapsed;
            }
            foreach (var record in batch.Records)
            {
                sink.Write(record.Key.Span, record.Value.Span, record.Headers, record.TimestampMs);
            }
            copied += batch.Count;
            if (commitClock.Elapsed >= TimeSpan.FromSeconds(1))
            {
                await sink.FlushAsync(CancellationToken.None);
                await source.CommitAsync(null, CancellationToken.None);
                commitClock.Restart();
            }
        }
        var idle = clock.Elapsed - lastProgress;
        await sink.FlushAsync(CancellationToken.None);
        await source.CommitAsync(null, CancellationToken.None);
        return (clock.Elapsed - (copied < records ? idle : TimeSpan.Zero), copied);
    }

    private static JobRunner Job(EmbeddedKafkaCluster cluster, string name, string sql)
    {
        var check = SqlFrontEnd.Check(sql, name + ".sql");
        if (!check.Succeeded)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, check.Diagnostics));
        }
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:kafka", cluster.BootstrapServers)]).Build();
        var registry = new ConnectorRegistry();
        FileConnectors.Register(registry);
        KafkaConnectors.Register(registry, configuration, VelostreamTelemetry.Default);
        // The changelog topics, as the engine creates them with an application's other topics (8 partitions, as the input).
        foreach (var (topic, _) in KafkaConnectors.Topics(check.Statements, configuration, "bench_" + name))
        {
            cluster.CreateTopic(topic, partitions: 8);
        }
        return new JobRunner(check.Statements[0], registry, new JobOptions { AppName = "bench_" + name, Log = TextWriter.Null }, name);
    }

    private static async Task<TimeSpan> Engine(EmbeddedKafkaCluster cluster, string name, string sql, long records)
    {
        var job = Job(cluster, name, sql);
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        // On a thread of its own, as serve and run start jobs.
        var running = job.Start(stop.Token);
        while (job.Stats.RecordsIn < records && !running.IsCompleted)
        {
            await Task.Delay(5);
        }
        // Stopping flushes the sink (waits for acks) and commits: part of the measured time.
        await stop.CancelAsync();
        await running;
        if (job.Stats.LastError is { } error)
        {
            throw new InvalidOperationException($"{name}: {error}");
        }
        Console.WriteLine($"  ({name}: {job.Stats.RecordsIn:N0} in, {job.Stats.RecordsOut:N0} out)");
        return clock.Elapsed;
    }

    /// <summary>S1 at an offered 10,000 records/s for 5 s: producer send time to the output's arrival at a consumer.</summary>
    private static async Task Latency(EmbeddedKafkaCluster cluster, Dictionary<string, string> client)
    {
        const int rate = 10_000;
        const int seconds = 5;
        var job = Job(cluster, "S1_latency", """
            CREATE STREAM lat_s1 AS SELECT symbol, price, volume FROM lat_in WHERE price > 0 EMIT CHANGES
            WITH ('lat_in.type' = 'kafka_source', 'lat_s1.type' = 'kafka_sink')
            """);
        using var stop = new CancellationTokenSource();
        // The job and the measuring consumer block their threads while they wait for records: on the thread
        // pool they would hold up the producer's paced sends until the pool grew.
        var running = job.Start(stop.Token);
        var latencies = new List<double>(rate * seconds);
        // Outputs of the first second of load are kept apart: right after a quiet start the first records
        // can wait about half a second (seen in some runs) before the pipeline is flowing.
        var warmUp = new List<double>();
        long loadStart = long.MaxValue;
        var consumerProperties = new Dictionary<string, string>(client) { ["group.id"] = "bench-latency", ["fetch.wait.max.ms"] = "5" };
        var consuming = OwnThread.Run(async () =>
        {
            await using var source = new KafkaSource("lat_s1", ["lat_s1"], consumerProperties, "bench-latency", pollTimeoutMs: 10);
            var batch = new SourceBatch(4096);
            while (latencies.Count + warmUp.Count < rate * seconds && !stop.IsCancellationRequested)
            {
                await source.ReadBatchAsync(batch, 4096, CancellationToken.None);
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                foreach (var record in batch.Records)
                {
                    (record.TimestampMs < Interlocked.Read(ref loadStart) + 1000 ? warmUp : latencies).Add(now - record.TimestampMs);
                }
            }
        });
        // Let the job and the measuring consumer join their groups before offering load.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var random = new Random(2);
        var producer = new Dictionary<string, string>(client) { ["linger.ms"] = "1" };
        await using (var sink = new KafkaSink("lat_in", "lat_in", producer, "bench-latency-feed", VelostreamTelemetry.Default))
        {
            var clock = Stopwatch.StartNew();
            Interlocked.Exchange(ref loadStart, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            for (var i = 0; i < rate * seconds; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                if (due - clock.Elapsed > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(due - clock.Elapsed);
                }
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var value = Quote(random, now, out var key);
                sink.Write(key, value, null, now);
            }
            await sink.FlushAsync(CancellationToken.None);
        }
        var deadline = Task.Delay(TimeSpan.FromSeconds(20));
        await Task.WhenAny(consuming, deadline);
        await stop.CancelAsync();
        await running;
        await consuming;
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
        var warmUpMax = warmUp.Count == 0 ? double.NaN : warmUp.Max();
        Console.WriteLine($"  S1 latency at {rate:N0} records/s offered, after 1 s of load: p50 {Percentile(0.50):0} ms, p99 {Percentile(0.99):0} ms, max {Percentile(1):0} ms ({latencies.Count:N0} outputs; first second: {warmUp.Count:N0} outputs, max {warmUpMax:0} ms)");
    }
}
