using Confluent.Kafka;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Asks a cluster how many partitions a topic has and creates internal topics. Metadata goes through a
/// consumer's handle that may not create topics, so asking about a missing topic never creates it
/// (a producer's handle would, on brokers that auto-create, with their default partition count).
/// </summary>
internal sealed class KafkaTopicAdmin : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly IConsumer<byte[]?, byte[]> _consumer;
    private readonly IAdminClient _admin;

    /// <param name="connection">Connection properties (<c>bootstrap.servers</c>, security settings).</param>
    public KafkaTopicAdmin(IReadOnlyDictionary<string, string> connection)
    {
        var properties = new Dictionary<string, string>(connection, StringComparer.Ordinal)
        {
            ["group.id"] = "velostream-topic-admin",
            ["allow.auto.create.topics"] = "false",
        };
        _consumer = KafkaClients.CreateConsumer(properties, "velostream-topic-admin");
        _admin = new DependentAdminClientBuilder(_consumer.Handle).Build();
    }

    /// <summary>The topic's partition count; 0 when it does not exist (or the cluster did not answer in time).</summary>
    public int Partitions(string topic)
    {
        try
        {
            var found = _admin.GetMetadata(topic, Timeout).Topics.SingleOrDefault(t => t.Topic == topic);
            return found is null || found.Error.IsError ? 0 : found.Partitions.Count;
        }
        catch (KafkaException)
        {
            return 0;
        }
    }

    /// <summary>Creates <paramref name="topic"/> unless it exists; null when it exists afterwards, else why not.</summary>
    public string? Ensure(string topic, int partitions)
    {
        if (Partitions(topic) > 0) return null;
        var reason = KafkaClients.CreateTopic(_admin, topic, partitions, Timeout);
        if (reason is null) return null;
        // A broker that cannot create topics (the embedded one) may have it from the application's topic list.
        return Partitions(topic) > 0 ? null : reason;
    }

    public void Dispose()
    {
        _admin.Dispose();
        _consumer.Dispose();
    }
}
