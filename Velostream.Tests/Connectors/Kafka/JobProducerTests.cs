using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Telemetry;
using static Velostream.Tests.Connectors.Kafka.KafkaTestTopics;

namespace Velostream.Tests.Connectors.Kafka;

/// <summary>
/// The job's one producer: a sink's outputs and changelog records (<c>IChangelogWriter</c>) go through
/// it, into the partition a changelog store names, and with a transactional id into one transaction
/// that also carries the source's offsets.
/// </summary>
public sealed class JobProducerTests : IDisposable
{
    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start();

    public void Dispose() => _cluster.Dispose();

    private Dictionary<string, string> Client => new() { ["bootstrap.servers"] = _cluster.BootstrapServers };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Outputs_and_changelog_records_commit_in_one_transaction_with_the_source_offsets()
    {
        _cluster.CreateTopic("in");
        _cluster.CreateTopic("out");
        _cluster.CreateTopic("counts-changelog", partitions: 2);
        await ProduceAsync(_cluster, "in", [("a", "1", null), ("b", "2", null), ("a", "3", null)]);
        var cancel = TestContext.Current.CancellationToken;
        var consumer = new Dictionary<string, string>(EmbeddedKafkaCluster.ConsumerDefaults) { ["bootstrap.servers"] = _cluster.BootstrapServers, ["group.id"] = "g" };
        await using var source = new KafkaSource("in", ["in"], consumer, "job");
        var batch = new SourceBatch();
        var read = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); read < 3 && DateTime.UtcNow < deadline;)
        {
            await source.ReadBatchAsync(batch, 100, cancel);
            read += batch.Count;
        }
        Assert.Equal(3, read);
        await using var producer = new JobProducer(Client, "job", "velostream-test-job-1");
        producer.Start();
        await using var sink = new KafkaSink("out", "out", producer, VelostreamTelemetry.Default);

        sink.Write(Utf8("a"), Utf8("""{"n":2}"""), null, -1);
        producer.Write("counts-changelog", 1, Utf8("a"), Utf8("2"));
        producer.Write("counts-changelog", 1, Utf8("b"), null);
        await sink.FlushAsync(cancel);
        await producer.FlushAsync(cancel);
        await producer.CommitTransactionAsync([source], [null], cancel);

        var (outputs, outputEnd) = ReadPartition(_cluster, "out");
        var (changes, changesEnd) = ReadPartition(_cluster, "counts-changelog", partition: 1);
        Assert.Equal([(0L, (string?)"""{"n":2}""")], outputs);
        Assert.Equal([(0L, (string?)"2"), (1L, null)], changes);
        // One marker closes each partition's part of the transaction.
        Assert.Equal((2L, 3L), (outputEnd, changesEnd));
        Assert.Empty(ReadPartition(_cluster, "counts-changelog", partition: 0).Records);
        // The offsets went into the transaction: nothing is left for the source to commit.
        Assert.Empty(source.PendingOffsets(null));
        Assert.Equal(2, producer.ChangelogDelivered);
    }

    [Fact]
    public async Task Without_transactions_changelog_records_are_acknowledged_by_its_flush_and_carry_no_markers()
    {
        _cluster.CreateTopic("counts-changelog", partitions: 2);
        await using var producer = new JobProducer(Client, "job");

        for (var i = 0; i < 3; i++)
        {
            producer.Write("counts-changelog", 1, Utf8($"k{i}"), Utf8($"{i}"));
        }
        await producer.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, producer.ChangelogDelivered);
        var (changes, end) = ReadPartition(_cluster, "counts-changelog", partition: 1);
        Assert.Equal([(0L, (string?)"0"), (1L, "1"), (2L, "2")], changes);
        Assert.Equal(3, end);
    }
}
