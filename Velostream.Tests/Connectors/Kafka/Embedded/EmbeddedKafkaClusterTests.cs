using System.Text;
using Confluent.Kafka;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;

namespace Velostream.Tests.Connectors.Kafka.Embedded;

public sealed class EmbeddedKafkaClusterTests
{
    [Fact]
    public void Records_produced_by_a_real_client_are_consumed_back_in_order()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokerCount: 3);
        cluster.CreateTopic("greetings", partitions: 1, replicationFactor: 3);
        var config = new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers };

        using (var producer = KafkaClients.CreateProducer(config, "test-producer"))
        {
            foreach (var word in new[] { "hello", "hej", "hola" })
            {
                producer.Produce("greetings", new Message<byte[]?, byte[]> { Value = Encoding.UTF8.GetBytes(word) });
            }
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        }

        using var consumer = KafkaClients.CreateConsumer(new Dictionary<string, string>(config) { ["group.id"] = "g" }, "test-consumer");
        consumer.Subscribe("greetings");
        var received = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (received.Count < 3 && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(100);
            if (result is not null)
            {
                received.Add(Encoding.UTF8.GetString(result.Message.Value));
            }
        }
        consumer.Close();
        Assert.Equal(["hello", "hej", "hola"], received);
    }

    [Fact]
    public void Bootstrap_address_is_a_local_listener()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        Assert.StartsWith("127.0.0.1:", cluster.BootstrapServers.Split(',')[0], StringComparison.Ordinal);
        Assert.NotNull(KafkaNativeLibrary.LoadedPath);
    }
}
