using Microsoft.Extensions.Configuration;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.File;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;
using Velostream.Engine.Telemetry;

namespace Velostream.Tests.Connectors.Kafka;

/// <summary>Builds the first statement of an application as a job on an embedded cluster, its topics created.</summary>
internal static class KafkaTestJobs
{
    /// <param name="settings">Extra configuration (e.g. <c>Velostream:Kafka:UseTransactions</c>).</param>
    public static JobRunner Create(EmbeddedKafkaCluster cluster, string sql, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var (check, registry, options) = Prepare(cluster, sql, settings);
        return new JobRunner(check.Statements[0], registry, options, SqlJobCompiler.JobName(check.Statements[0], 0));
    }

    /// <summary>Every statement of an application as a job, as <c>run</c> builds them (statements reading another's output connected).</summary>
    public static List<JobRunner> CreateApplication(EmbeddedKafkaCluster cluster, string sql) =>
        Prepare(cluster, sql, null) is var (check, registry, options) ? ApplicationJobs.Create(check.Statements, registry, options) : [];

    private static (SqlCheckResult Check, ConnectorRegistry Registry, JobOptions Options) Prepare(
        EmbeddedKafkaCluster cluster, string sql, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var check = SqlFrontEnd.Check(sql, "app.sql");
        Assert.Empty(check.Diagnostics);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:kafka", cluster.BootstrapServers), .. settings ?? []]).Build();
        var registry = new ConnectorRegistry();
        FileConnectors.Register(registry);
        KafkaConnectors.Register(registry, configuration, VelostreamTelemetry.Default);
        foreach (var (topic, partitions) in KafkaConnectors.Topics(check.Statements, configuration, check.Application.Name))
        {
            cluster.CreateTopic(topic, partitions);
        }
        return (check, registry, new JobOptions { AppName = check.Application.Name, CommitInterval = TimeSpan.FromMilliseconds(100), Log = TextWriter.Null });
    }
}
