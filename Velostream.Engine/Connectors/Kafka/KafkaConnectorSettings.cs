using Microsoft.Extensions.Configuration;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// What a <c>kafka_source</c>/<c>kafka_sink</c> needs, read from the statement's WITH properties
/// (<c>'&lt;name&gt;.&lt;key&gt;'</c>), an optional <c>'&lt;name&gt;.config_file'</c> and configuration.
/// </summary>
internal sealed class KafkaConnectorSettings
{
    /// <summary>Keys that configure Velostream itself; every other key goes to librdkafka unchanged.</summary>
    private static readonly HashSet<string> OwnKeys = new(StringComparer.Ordinal)
    {
        "type", "topic", "topic.name", "format", "value.format", "config_file", "partitions", "topic.partitions", "event.time.field",
        "key.field",
    };

    /// <summary>True for a connector key Velostream reads itself (not passed to librdkafka).</summary>
    public static bool IsOwnKey(string key) => OwnKeys.Contains(key);

    private KafkaConnectorSettings(string name, string topic, int partitions, Dictionary<string, string> clientProperties)
    {
        Name = name;
        Topic = topic;
        Partitions = partitions;
        ClientProperties = clientProperties;
    }

    public string Name { get; }

    public string Topic { get; }

    /// <summary>Partitions to create the topic with when Velostream creates it (embedded broker).</summary>
    public int Partitions { get; }

    /// <summary>librdkafka properties including <c>bootstrap.servers</c> (and <c>group.id</c> for sources).</summary>
    public IReadOnlyDictionary<string, string> ClientProperties { get; }

    /// <summary>
    /// The properties that say how to reach a cluster (bootstrap servers, rack, security), without those
    /// of one client's role: what the job's other clients of the same cluster (dead letters, changelogs) take.
    /// </summary>
    public static Dictionary<string, string> ConnectionOnly(IReadOnlyDictionary<string, string> properties)
    {
        var connection = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            if (key is "bootstrap.servers" or "client.rack" || key.StartsWith("security.", StringComparison.Ordinal)
                || key.StartsWith("sasl.", StringComparison.Ordinal) || key.StartsWith("ssl.", StringComparison.Ordinal))
            {
                connection[key] = value;
            }
        }
        return connection;
    }

    /// <summary>
    /// Reads the settings of connector <paramref name="name"/>. Precedence, highest first: the WITH
    /// properties, the YAML config file, configuration (<c>ConnectionStrings:kafka</c>), defaults.
    /// </summary>
    /// <param name="defaultGroupId">Consumer group when none is given (null for sinks).</param>
    public static KafkaConnectorSettings? Parse(
        string name,
        IReadOnlyDictionary<string, string> properties,
        IConfiguration configuration,
        string? defaultGroupId,
        List<string> errors,
        string? baseDirectory = null)
    {
        var prefix = name + ".";
        var own = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                own[key[prefix.Length..]] = value;
            }
        }

        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        if (own.TryGetValue("config_file", out var file))
        {
            var path = Path.IsPathRooted(file) || baseDirectory is null ? file : Path.Combine(baseDirectory, file);
            var loaded = YamlConfigFile.Load(path, errors);
            foreach (var (key, value) in VelostreamKafkaConfigFile.IsVelostreamSchema(loaded) ? VelostreamKafkaConfigFile.ClientSettings(loaded, configuration) : loaded)
            {
                merged[key] = value;
            }
        }
        foreach (var (key, value) in own)
        {
            merged[key] = value;
        }
        foreach (var key in merged.Keys.ToList())
        {
            merged[key] = VariableSubstitution.Apply(merged[key]);
        }

        var format = merged.GetValueOrDefault("value.format") ?? merged.GetValueOrDefault("format") ?? "json";
        if (!string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"'{name}': format '{format}' is not supported by the Kafka connector yet (only json)");
        }

        var topic = merged.GetValueOrDefault("topic.name") ?? merged.GetValueOrDefault("topic") ?? name;
        var partitions = 1;
        var partitionText = merged.GetValueOrDefault("topic.partitions") ?? merged.GetValueOrDefault("partitions");
        if (partitionText is not null && (!int.TryParse(partitionText, out partitions) || partitions < 1))
        {
            errors.Add($"'{name}.partitions': expected a positive integer, got '{partitionText}'");
        }

        var client = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in merged)
        {
            if (!OwnKeys.Contains(key))
            {
                client[key] = value;
            }
        }
        if (!client.ContainsKey("bootstrap.servers"))
        {
            var bootstrap = KafkaConnection.BootstrapServers(configuration);
            if (bootstrap is null)
            {
                errors.Add($"'{name}': no Kafka bootstrap servers: set ConnectionStrings__kafka (or '{name}.bootstrap.servers')");
            }
            else
            {
                client["bootstrap.servers"] = bootstrap;
            }
        }
        if (defaultGroupId is not null && !client.ContainsKey("group.id"))
        {
            client["group.id"] = defaultGroupId;
        }
        return errors.Count == 0 ? new KafkaConnectorSettings(name, topic, partitions, client) : null;
    }

    /// <summary>
    /// The default consumer group of a source: stable across restarts so committed offsets are found,
    /// and one per source, because a job reads its sources one at a time: two consumers of one group
    /// in one job would stall each other's rebalances.
    /// </summary>
    public static string DefaultGroupId(string application, string job, string source) => $"velostream-{application}-{job}-{source}";
}
