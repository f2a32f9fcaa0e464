using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Telemetry;

namespace Velostream.Tests.Connectors.Kafka;

/// <summary>
/// The connectors' delivery guarantee under trouble: a consume → produce → flush → commit loop (what
/// a job does per batch) loses nothing while brokers go down, leaders move, requests fail and the
/// loop itself is killed and restarted. Duplicates are allowed (at-least-once) and reported.
/// </summary>
public sealed class KafkaAtLeastOnceTests
{
    private const int Records = 100_000;

    [Fact]
    public async Task No_record_is_lost_through_broker_outages_leader_moves_injected_errors_and_restarts()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokerCount: 3);
        cluster.CreateTopic("in", partitions: 4, replicationFactor: 3);
        cluster.CreateTopic("out", partitions: 4, replicationFactor: 3);
        var client = new Dictionary<string, string>(EmbeddedKafkaCluster.ConsumerDefaults) { ["bootstrap.servers"] = cluster.BootstrapServers, ["message.timeout.ms"] = "15000" };
        // (A short message timeout makes a stuck producer fail the test in seconds instead of minutes.)
        var cancel = TestContext.Current.CancellationToken;

        await using (var input = new KafkaSink("in", "in", client, "loader", VelostreamTelemetry.Default))
        {
            for (var i = 0; i < Records; i++)
            {
                input.Write(Encoding.UTF8.GetBytes((i % 64).ToString()), Encoding.UTF8.GetBytes($$"""{"i":{{i}}}"""), null, -1);
            }
            await input.FlushAsync(cancel);
        }

        using var stopFaults = new CancellationTokenSource();
        var faults = Task.Run(() => InjectFaults(cluster, stopFaults.Token), cancel);

        // First run is killed (disposed without committing its last batch) after a third of the input.
        await CopyAsync(client, stopAfter: Records / 3, cancel);
        // The restarted copy resumes from the committed offsets and runs until the output is complete.
        using var stopCopy = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var copy = Task.Run(() => CopyAsync(client, stopAfter: null, stopCopy.Token), cancel);

        var seen = new Dictionary<int, int>();
        await using (var verify = new KafkaSource("verify", ["out"], new Dictionary<string, string>(client) { ["group.id"] = "verify" }, "verify"))
        {
            var batch = new SourceBatch();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (seen.Count < Records && DateTime.UtcNow < deadline && !copy.IsFaulted)
            {
                await verify.ReadBatchAsync(batch, 5000, cancel);
                foreach (var record in batch.Records)
                {
                    var text = Encoding.UTF8.GetString(record.Value.Span);
                    var i = int.Parse(text.AsSpan(5, text.Length - 6));
                    seen[i] = seen.GetValueOrDefault(i) + 1;
                }
            }
        }
        await stopCopy.CancelAsync();
        await stopFaults.CancelAsync();
        await faults;
        await copy;
        var duplicates = seen.Values.Sum(n => n - 1);
        TestContext.Current.TestOutputHelper?.WriteLine($"at-least-once under faults: {seen.Count} distinct of {Records}, {duplicates} duplicates");
        Assert.Equal(Records, seen.Count);
    }

    /// <summary>What a job does per batch: read, write every record, wait for acks, then commit.</summary>
    private static async Task CopyAsync(Dictionary<string, string> client, int? stopAfter, CancellationToken cancel)
    {
        var consumer = new Dictionary<string, string>(client) { ["group.id"] = "copier" };
        await using var source = new KafkaSource("in", ["in"], consumer, "copier");
        await using var sink = new KafkaSink("out", "out", client, "copier", VelostreamTelemetry.Default);
        var batch = new SourceBatch();
        long copied = 0;
        while (!cancel.IsCancellationRequested && (stopAfter is null || copied < stopAfter))
        {
            try
            {
                await source.ReadBatchAsync(batch, 2000, cancel);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            foreach (var record in batch.Records)
            {
                sink.Write(record.Key.Span, record.Value.Span, record.Headers, record.TimestampMs);
            }
            copied += batch.Count;
            if (stopAfter is not null && copied >= stopAfter)
            {
                // Killed: the last batch was written but never committed, so it will be copied again.
                return;
            }
            // A stop request still finishes the batch: flush, then commit (what every verb does on Ctrl+C).
            await sink.FlushAsync(CancellationToken.None);
            await source.CommitAsync(null, CancellationToken.None);
        }
    }

    private static async Task InjectFaults(EmbeddedKafkaCluster cluster, CancellationToken stop)
    {
        var random = new Random(5);
        // Kafka error code 6 = NOT_LEADER_OR_FOLLOWER: the client refreshes metadata and retries.
        var step = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                switch (step++ % 4)
                {
                    case 0:
                        var broker = random.Next(1, 4);
                        cluster.SetBrokerDown(broker);
                        await Task.Delay(150, stop).ContinueWith(_ => { }, TaskScheduler.Default);
                        cluster.SetBrokerUp(broker);
                        break;
                    case 1:
                        for (var p = 0; p < 4; p++)
                        {
                            cluster.SetPartitionLeader("in", p, random.Next(1, 4));
                            cluster.SetPartitionLeader("out", p, random.Next(1, 4));
                        }
                        break;
                    case 2:
                        cluster.PushRequestErrors(EmbeddedKafkaCluster.ProduceApi, 6);
                        break;
                    default:
                        cluster.PushRequestErrors(EmbeddedKafkaCluster.FetchApi, 6);
                        break;
                }
                await Task.Delay(200, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
        cluster.SetBrokerUp(-1);
    }
}
