using Microsoft.Extensions.Configuration;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// A Kafka <c>config_file</c> in Velostream's own schema (its trading demo's <c>kafka_source.yaml</c>): client
/// settings under <c>datasource.consumer_config</c> or <c>datasink.producer_config</c>, beside sections of
/// Velostream's own tuning (<c>schema</c>, <c>performance</c>, <c>topic_config</c>, <c>*_profiles</c>) that have
/// no counterpart here and are left out. A flat file (librdkafka names at the top) is taken as it is.
/// </summary>
internal static class VelostreamKafkaConfigFile
{
    private static readonly string[] ClientSections = ["datasource.consumer_config.", "datasink.producer_config."];

    // The job commits offsets itself once the outputs of a batch are acknowledged; librdkafka's
    // automatic commit would mark records done before their outputs are delivered.
    private static readonly HashSet<string> EngineOwned = new(StringComparer.Ordinal) { "enable.auto.commit", "auto.commit.interval.ms", "enable.auto.offset.store" };

    /// <summary>True when the file's keys are in Velostream's schema.</summary>
    public static bool IsVelostreamSchema(IReadOnlyDictionary<string, string> keys) =>
        keys.Keys.Any(k => k.StartsWith("datasource.", StringComparison.Ordinal) || k.StartsWith("datasink.", StringComparison.Ordinal));

    /// <summary>
    /// The client settings of a file in Velostream's schema: those librdkafka knows (Java-client names such as
    /// <c>buffer_memory</c> are left out, as are the commit settings the job owns). Its <c>bootstrap.servers</c>
    /// applies only where configuration gives none (<c>ConnectionStrings:kafka</c>, what Aspire sets, wins over
    /// the file's <c>${VELOSTREAM_KAFKA_BROKERS:localhost:9092}</c>).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> ClientSettings(IReadOnlyDictionary<string, string> keys, IConfiguration configuration)
    {
        var connectionString = KafkaConnection.BootstrapServers(configuration) is not null;
        foreach (var (key, value) in keys)
        {
            var section = ClientSections.FirstOrDefault(s => key.StartsWith(s, StringComparison.Ordinal));
            if (section is null) continue;
            var name = key[section.Length..];
            if (EngineOwned.Contains(name) || (name == "bootstrap.servers" && connectionString)) continue;
            if (LibrdkafkaProperties.Problem(name, "1", out var unknownName) is not null && unknownName) continue;
            yield return new(name, value);
        }
    }
}
