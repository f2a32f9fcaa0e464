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

    public static string Header(RecordHeaders? headers, string name) =>
        headers?.GetLast(name) is { } value ? Encoding.UTF8.GetString(value) : "<missing>";
}
