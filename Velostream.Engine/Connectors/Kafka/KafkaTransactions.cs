using Microsoft.Extensions.Configuration;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Whether a job's producer is transactional, and under which <c>transactional.id</c>.
/// </summary>
/// <remarks>
/// The id is <c>velostream-&lt;app&gt;-&lt;job&gt;-&lt;instance&gt;</c>, the instance being
/// <c>Velostream:InstanceId</c> or else the host name: the same job instance restarted gets the same id,
/// so its <c>InitTransactions</c> fences the producer of the process it replaces and aborts the
/// transaction that one left open; replicas (other hosts, or other instance ids) get ids of their own
/// and never fence each other. Partitions that move between replicas in a rebalance are protected the
/// way Kafka Streams' exactly-once v2 protects them: the offsets go into the transaction with the
/// consumer's group metadata, so the broker refuses a commit from a member of an older generation
/// (KIP-447), and one producer per job instance serves all of its partitions.
/// </remarks>
internal static class KafkaTransactions
{
    /// <summary>Configuration key of the default for jobs that do not set <c>'use_transactions'</c>.</summary>
    public const string DefaultKey = "Velostream:Kafka:UseTransactions";

    /// <summary>Configuration key of this engine instance's id in transactional ids (default: the host name).</summary>
    public const string InstanceIdKey = "Velostream:InstanceId";

    /// <summary>
    /// The job's own <c>'use_transactions'</c> when it sets one, else <see cref="DefaultKey"/>; the
    /// default applies only to jobs whose sources and sink are all Kafka topics.
    /// </summary>
    public static bool Enabled(JobConnections connections, IConfiguration configuration)
    {
        if (!connections.TransactionsPossible)
        {
            return false;
        }
        if (connections.UseTransactions is { } own)
        {
            return own;
        }
        var text = configuration[DefaultKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        return bool.TryParse(text.Trim(), out var enabled)
            ? enabled
            : throw new ConnectorException($"configuration '{DefaultKey}': expected true or false, got '{text}'");
    }

    public static string TransactionalId(string application, string job, IConfiguration configuration)
    {
        var instance = configuration[InstanceIdKey];
        return $"velostream-{application}-{job}-{(string.IsNullOrWhiteSpace(instance) ? Environment.MachineName : instance.Trim())}";
    }
}
