using Confluent.Kafka;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// The one place Confluent.Kafka clients are built: it loads the right librdkafka first and applies the
/// settings every Velostream producer and consumer shares.
/// </summary>
internal static class KafkaClients
{
    /// <summary>
    /// A producer that never loses or reorders an acknowledged record: idempotent, acks from all
    /// in-sync replicas, retries inside librdkafka. Explicit properties win over these defaults except
    /// where they would break the delivery guarantee.
    /// </summary>
    /// <param name="log">Where the client's own warnings and errors go (default: standard error, repeats counted).</param>
    public static IProducer<byte[]?, byte[]> CreateProducer(IReadOnlyDictionary<string, string> properties, string clientId, KafkaClientLog? log = null)
    {
        log ??= KafkaClientLog.Default;
        KafkaNativeLibrary.EnsureLoaded();
        var config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["client.id"] = clientId,
            ["linger.ms"] = "5",
            ["compression.type"] = "none",
            // Velostream reads only a delivery report's error: leaving out the rest spares marshalling every
            // message's headers, timestamp and status back from librdkafka on the delivery thread.
            ["dotnet.producer.delivery.report.fields"] = "none",
        };
        foreach (var (key, value) in properties)
        {
            config[key] = value;
        }
        config["enable.idempotence"] = "true";
        config["acks"] = "all";
        return new ProducerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler((_, message) => log.Log(message))
            .SetErrorHandler((producer, error) => log.Error(producer.Name, error))
            .Build();
    }

    /// <summary>
    /// Creates a compacted topic (Velostream's own: the job registry, changelogs), leaving one that exists.
    /// Null when done; else why not (a broker that cannot create topics), for a warning that says how to create it.
    /// </summary>
    public static string? CreateCompactedTopic(IAdminClient admin, string topic, int partitions, TimeSpan timeout) =>
        CreateTopic(admin, topic, partitions, timeout, new Dictionary<string, string> { ["cleanup.policy"] = "compact" });

    /// <summary>Creates a topic, leaving one that exists. Null when done; else why not (a broker that cannot create topics).</summary>
    public static string? CreateTopic(IAdminClient admin, string topic, int partitions, TimeSpan timeout, Dictionary<string, string>? configs = null)
    {
        try
        {
            admin.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification
            {
                Name = topic,
                NumPartitions = partitions,
                ReplicationFactor = -1,
                Configs = configs,
            }]).WaitAsync(timeout).GetAwaiter().GetResult();
            return null;
        }
        catch (Confluent.Kafka.Admin.CreateTopicsException e) when (e.Results.All(r => r.Error.Code == ErrorCode.TopicAlreadyExists))
        {
            return null;
        }
        catch (Exception e) when (e is KafkaException or TimeoutException)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// A consumer whose offsets move only when Velostream commits them explicitly (at-least-once, or
    /// in the job's transaction), reading committed records only (<c>isolation.level=read_committed</c>).
    /// </summary>
    public static IConsumer<byte[]?, byte[]> CreateConsumer(
        IReadOnlyDictionary<string, string> properties,
        string clientId,
        Action<IConsumer<byte[]?, byte[]>, List<TopicPartitionOffset>>? onPartitionsLost = null,
        KafkaClientLog? log = null,
        Func<IConsumer<byte[]?, byte[]>, List<TopicPartition>, IEnumerable<TopicPartitionOffset>>? onPartitionsAssigned = null,
        Action<IConsumer<byte[]?, byte[]>, List<TopicPartitionOffset>>? onPartitionsRevoked = null)
    {
        log ??= KafkaClientLog.Default;
        KafkaNativeLibrary.EnsureLoaded();
        var config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["client.id"] = clientId,
            ["auto.offset.reset"] = "earliest",
            // Only what transactions committed (librdkafka's default too, stated because exactly-once relies on it).
            ["isolation.level"] = "read_committed",
            // Short broker-side fetch waits keep end-to-end latency low at modest rates.
            ["fetch.wait.max.ms"] = "10",
        };
        foreach (var (key, value) in properties)
        {
            config[key] = value;
        }
        config["enable.auto.commit"] = "false";
        config["enable.auto.offset.store"] = "false";
        var builder = new ConsumerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler((_, message) => log.Log(message))
            .SetErrorHandler((consumer, error) => log.Error(consumer.Name, error));
        if (onPartitionsLost is not null)
        {
            builder.SetPartitionsLostHandler(onPartitionsLost);
        }
        // Both run on the polling thread, inside Consume: the job's own thread.
        if (onPartitionsAssigned is not null)
        {
            builder.SetPartitionsAssignedHandler(onPartitionsAssigned);
        }
        if (onPartitionsRevoked is not null)
        {
            builder.SetPartitionsRevokedHandler(onPartitionsRevoked);
        }
        return builder.Build();
    }
}
