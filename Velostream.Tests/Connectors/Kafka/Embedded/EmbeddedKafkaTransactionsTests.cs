using System.Text;
using Confluent.Kafka;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using static Velostream.Tests.Connectors.Kafka.KafkaTestTopics;

namespace Velostream.Tests.Connectors.Kafka.Embedded;

/// <summary>
/// What librdkafka's mock cluster does with transactions, asserted so that docs/kafka.md stays true
/// (and so that a librdkafka upgrade that changes it is noticed): it writes commit and abort markers,
/// but does not hide aborted or open transactions from read_committed consumers, does not store offsets
/// sent with a transaction, and does not fence an older producer when a new one initialises the same
/// transactional.id. Fencing can be injected as a request error.
/// </summary>
public sealed class EmbeddedKafkaTransactionsTests : IDisposable
{
    private const short EndTxnApi = 26;
    private const int ProducerFenced = 90;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start();

    public void Dispose() => _cluster.Dispose();

    private IProducer<byte[]?, byte[]> Transactional(string id)
    {
        var producer = KafkaClients.CreateProducer(new Dictionary<string, string> { ["bootstrap.servers"] = _cluster.BootstrapServers, ["transactional.id"] = id }, id);
        producer.InitTransactions(Timeout);
        return producer;
    }

    private static void Send(IProducer<byte[]?, byte[]> producer, params string[] values)
    {
        foreach (var value in values)
        {
            producer.Produce("t", new Message<byte[]?, byte[]> { Value = Encoding.UTF8.GetBytes(value) });
        }
        producer.Flush(Timeout);
    }

    [Fact]
    public void Every_commit_and_abort_takes_one_offset_for_its_marker_but_aborted_and_open_records_stay_visible_to_read_committed()
    {
        _cluster.CreateTopic("t");
        using var producer = Transactional("tx-markers");
        producer.BeginTransaction();
        Send(producer, "c0", "c1", "c2");
        producer.CommitTransaction(Timeout);
        producer.BeginTransaction();
        Send(producer, "a0", "a1");
        producer.AbortTransaction(Timeout);
        producer.BeginTransaction();
        Send(producer, "open");

        var (records, high) = ReadPartition(_cluster, "t");

        // Offsets 3 and 6 are the commit and abort markers: consumers move past them.
        Assert.Equal([(0L, "c0"), (1L, "c1"), (2L, "c2"), (4L, "a0"), (5L, "a1"), (7L, "open")], records);
        Assert.Equal(8, high);
        producer.AbortTransaction(Timeout);
    }

    [Fact]
    public void Offsets_sent_with_a_committed_transaction_are_not_stored()
    {
        _cluster.CreateTopic("t");
        _cluster.CreateTopic("in");
        var consumerProperties = new Dictionary<string, string>(EmbeddedKafkaCluster.ConsumerDefaults)
        {
            ["bootstrap.servers"] = _cluster.BootstrapServers,
            ["group.id"] = "g",
        };
        using var consumer = KafkaClients.CreateConsumer(consumerProperties, "c");
        consumer.Subscribe("in");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (consumer.Assignment.Count == 0 && DateTime.UtcNow < deadline)
        {
            consumer.Consume(100);
        }
        using var producer = Transactional("tx-offsets");
        producer.BeginTransaction();
        Send(producer, "out");
        producer.SendOffsetsToTransaction([new TopicPartitionOffset("in", 0, 42)], consumer.ConsumerGroupMetadata, Timeout);
        producer.CommitTransaction(Timeout);

        var committed = consumer.Committed([new TopicPartition("in", 0)], Timeout);

        // A real broker answers 42 here.
        Assert.Equal(Offset.Unset, Assert.Single(committed).Offset);
        consumer.Close();
    }

    [Fact]
    public void A_second_producer_with_the_same_transactional_id_does_not_fence_the_first_but_an_injected_fence_fails_its_commit()
    {
        _cluster.CreateTopic("t");
        using var first = Transactional("tx-zombie");
        first.BeginTransaction();
        Send(first, "before");
        using var second = Transactional("tx-zombie");

        // A real broker bumps the epoch here and the first producer's commit fails with PRODUCER_FENCED.
        first.CommitTransaction(Timeout);

        first.BeginTransaction();
        Send(first, "fenced");
        _cluster.PushRequestErrors(EndTxnApi, ProducerFenced);
        var error = Assert.ThrowsAny<KafkaException>(() => first.CommitTransaction(Timeout));
        Assert.Equal((ErrorCode.Local_Fenced, true), (error.Error.Code, error.Error.IsFatal));
    }
}
