using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Telemetry;

namespace Velostream.Tests.Connectors.Kafka;

/// <summary>Writes and reads topics of an embedded cluster with the real connectors.</summary>
internal static class KafkaTestTopics
{
    public static async Task ProduceAsync(EmbeddedKafkaCluster cluster, string topic, IEnumerable<(string? Key, string Value, RecordHeaders? Headers)> records)
    {
        await using var sink = new KafkaSink(topic, topic, new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers }, "test-producer", VelostreamTelemetry.Default);
        foreach (var (key, value, headers) in records)
        {
            sink.Write(key is null ? [] : Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value), headers, 1_700_000_000_000);
        }
        await sink.FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Reads <paramref name="topic"/> from the beginning until <paramref name="count"/> records arrived or time ran out.</summary>
    public static async Task<List<(string Key, string Value, RecordHeaders? Headers)>> ConsumeAsync(
        EmbeddedKafkaCluster cluster, string topic, int count, TimeSpan? timeout = null, Func<bool>? stopEarly = null)
    {
        var records = await ReadAsync(cluster, topic, timeout ?? TimeSpan.FromSeconds(30), read => read.Count >= count || stopEarly?.Invoke() == true);
        return [.. records.Select(r => (Encoding.UTF8.GetString(r.Key), r.Value, r.Headers))];
    }

    /// <summary>One record as read back, with where it was.</summary>
    public sealed record Consumed(byte[] Key, string Value, RecordHeaders? Headers, int Partition, long TimestampMs);

    /// <summary>Reads <paramref name="topic"/> from the beginning until <paramref name="done"/> says so (given what was read so far) or time ran out.</summary>
    public static async Task<List<Consumed>> ReadAsync(EmbeddedKafkaCluster cluster, string topic, TimeSpan timeout, Func<List<Consumed>, bool> done)
    {
        var properties = new Dictionary<string, string>(EmbeddedKafkaCluster.ConsumerDefaults)
        {
            ["bootstrap.servers"] = cluster.BootstrapServers,
            ["group.id"] = $"test-{Guid.NewGuid():N}",
        };
        await using var source = new KafkaSource(topic, [topic], properties, "test-consumer");
        var batch = new SourceBatch();
        var records = new List<Consumed>();
        var deadline = DateTime.UtcNow + timeout;
        while (!done(records) && DateTime.UtcNow < deadline)
        {
            await source.ReadBatchAsync(batch, 1000, TestContext.Current.CancellationToken);
            foreach (var record in batch.Records)
            {
                records.Add(new Consumed(record.Key.ToArray(), Encoding.UTF8.GetString(record.Value.Span), record.Headers, record.Partition, record.TimestampMs));
            }
        }
        return records;
    }

    /// <summary>
    /// Reads partition <paramref name="partition"/> of <paramref name="topic"/> to its end with a
    /// read_committed consumer: the records with their offsets, and the partition's high watermark
    /// (offsets taken by transaction markers are counted there but never delivered). Tombstones read as null.
    /// </summary>
    public static (List<(long Offset, string? Value)> Records, long HighWatermark) ReadPartition(EmbeddedKafkaCluster cluster, string topic, int partition = 0)
    {
        var properties = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = cluster.BootstrapServers,
            ["group.id"] = $"read-{Guid.NewGuid():N}",
            ["enable.partition.eof"] = "true",
        };
        using var consumer = KafkaClients.CreateConsumer(properties, "test-reader");
        consumer.Assign(new Confluent.Kafka.TopicPartitionOffset(topic, partition, Confluent.Kafka.Offset.Beginning));
        var records = new List<(long, string?)>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(100);
            if (result is null) continue;
            if (result.IsPartitionEOF) break;
            // A null value (a tombstone) reads as null.
            records.Add((result.Offset.Value, result.Message.Value is null ? null : Encoding.UTF8.GetString(result.Message.Value)));
        }
        var high = consumer.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(topic, partition), TimeSpan.FromSeconds(5)).High.Value;
        consumer.Close();
        return (records, high);
    }

    public static string Header(RecordHeaders? headers, string name) =>
        headers?.GetLast(name) is { } value ? Encoding.UTF8.GetString(value) : "<missing>";
}
