using Confluent.Kafka;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;

namespace Velostream.Tests.Connectors.Kafka.Embedded;

/// <summary>
/// What the embedded broker keeps of a partition: librdkafka's mock brokers drop a partition's oldest
/// records once it holds more than 5 MiB. Asserted so that a broker that changes this is noticed, and
/// so that a restore from such a changelog says what it lost.
/// </summary>
public sealed class EmbeddedKafkaRetentionTests
{
    [Fact]
    public void A_partition_past_five_mebibytes_loses_its_oldest_records_and_restoring_it_warns()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        const string topic = "app-job-op-changelog";
        cluster.CreateTopic(topic, partitions: 1);
        var config = new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers };
        const int records = 8_000;
        var value = new byte[1_000];
        using (var producer = KafkaClients.CreateProducer(config, "test-producer"))
        {
            for (var i = 0; i < records; i++)
            {
                producer.Produce(topic, new Message<byte[]?, byte[]> { Key = BitConverter.GetBytes(i), Value = value });
            }
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        var log = new StringWriter();
        using var reader = new KafkaChangelogReader(config, ["input"], log);
        var restored = reader.ReadToEnd(topic, 0).ToList();

        // 8 MB written: only about the last 5 MiB is left, and the last record is among it.
        Assert.InRange(restored.Count, 1, records - 1);
        Assert.Equal(records - 1, BitConverter.ToInt32(restored[^1].Key));
        Assert.Contains($"warning: changelog '{topic}' [0] starts at offset {records - restored.Count}, not 0", log.ToString(), StringComparison.Ordinal);
    }
}
