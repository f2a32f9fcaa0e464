using System.Diagnostics;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.State;

namespace Velostream.Benchmarks.Kafka;

/// <summary>
/// Restore time per million keys: an EMIT CHANGES aggregate builds one group per key, spread over 32
/// input partitions (the mock broker serves at most ~48,000 records of one partition), writes its
/// changelogs through the job's changelog producer, then every partition's chain is built again over
/// stores restored from the broker. The figure is the rebuild's wall time: reading every changelog
/// partition to its end, decoding each group, and the operator rebuilding its indexes.
/// </summary>
internal static class ChangelogRestoreBenchmark
{
    private const int Partitions = 32;
    private const string Sql = """
        SELECT id, COUNT(*) AS n, SUM(qty) AS total, MAX(price) AS high FROM trades GROUP BY id EMIT CHANGES
        WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.jsonl')
        """;

    public static void Run(EmbeddedKafkaCluster cluster, int keys)
    {
        var connection = new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers };
        var topic = ChangelogStateStores.TopicName("bench_restore", "select", StatefulOperators.Aggregate);
        cluster.CreateTopic(topic, Partitions);
        var writer = KafkaChangelogWriter.Create(connection, "bench_restore");
        using (var reader = new KafkaChangelogReader(connection, [], TextWriter.Null))
        {
            for (var p = 0; p < Partitions; p++)
            {
                var stores = new ChangelogStateStores("bench_restore", writer, reader);
                var query = InProcessQuery.Create(Sql, Options(stores, p));
                var lines = new List<string>(keys / Partitions + 1);
                for (var i = p; i < keys; i += Partitions)
                {
                    lines.Add($$"""{"id":"k{{i}}","qty":{{i % 100}},"price":{{i % 1000}}.25}""");
                }
                query.Push("trades", [.. lines]);
                stores.Flush();
                stores.Checkpoint(p, [lines.Count]);
            }
            writer.FlushAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();

        using var restoring = new KafkaChangelogReader(connection, [], TextWriter.Null);
        var clock = Stopwatch.StartNew();
        var restored = 0;
        for (var p = 0; p < Partitions; p++)
        {
            var stores = new ChangelogStateStores("bench_restore", new DiscardingWriter(), restoring);
            InProcessQuery.Create(Sql, Options(stores, p));
            restored += stores.Stores.Sum(s => ((IKeyValueStore<Velostream.Engine.Execution.Operators.Aggregates.GroupState>)s).Count);
        }
        var elapsed = clock.Elapsed;
        Console.WriteLine($"  restore: {restored:N0} keys in {elapsed.TotalSeconds:0.00} s over {Partitions} partitions = {elapsed.TotalSeconds * 1_000_000 / restored:0.00} s per 1 M keys");
    }

    private static JobOptions Options(ChangelogStateStores stores, int partition) =>
        new() { Log = TextWriter.Null, StateStores = stores, StatePartition = partition, AppName = "bench_restore" };

    private sealed class DiscardingWriter : IChangelogWriter
    {
        public void Write(string topic, int partition, byte[] key, byte[]? value)
        {
        }
    }
}
