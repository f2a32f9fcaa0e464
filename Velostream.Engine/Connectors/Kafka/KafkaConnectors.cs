using Microsoft.Extensions.Configuration;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Logical;
using Velostream.Engine.Sql.Validation;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Builds Kafka sources and sinks from a validated WITH clause, and lists the topics an application
/// uses (so the embedded broker can create them before the jobs start).
/// </summary>
internal static class KafkaConnectors
{
    /// <summary>
    /// Adds <c>kafka_source</c>, <c>kafka_sink</c> and the Kafka dead-letter topic (for jobs that read
    /// Kafka and set no <c>dlq.path</c>) to <paramref name="registry"/>.
    /// </summary>
    /// <param name="telemetry">Where the sinks' send spans and the sources' consumer lag go.</param>
    /// <param name="sourceCreated">Told about every Kafka source built (the job server reads their lag).</param>
    public static ConnectorRegistry Register(
        ConnectorRegistry registry, IConfiguration configuration, VelostreamTelemetry telemetry, Action<string, KafkaSource>? sourceCreated = null) =>
        registry
            .AddSource(ConnectorCatalog.KafkaSource, context =>
            {
                var errors = new List<string>();
                var source = CreateSource(context.Config, configuration, telemetry, context.Options.AppName ?? "app", context.JobName, errors, context.Options.BaseDirectory)
                    ?? throw new ConnectorException(string.Join("; ", errors));
                sourceCreated?.Invoke(context.JobName, source);
                return source;
            })
            .AddSink(ConnectorCatalog.KafkaSink, context =>
            {
                var errors = new List<string>();
                return CreateSink(context.Config, configuration, telemetry, context.JobName, errors, context.Options.BaseDirectory)
                    ?? throw new ConnectorException(string.Join("; ", errors));
            })
            .AddDeadLetter(context => CreateDeadLetterWriter(context, configuration, telemetry));

    private static KafkaDeadLetterWriter? CreateDeadLetterWriter(DeadLetterContext context, IConfiguration configuration, VelostreamTelemetry telemetry)
    {
        var kafkaSource = context.Sources.FirstOrDefault(s => s.Type.Name == ConnectorCatalog.KafkaSource);
        if (kafkaSource is null && context.Settings.DeadLetterTopic is null)
        {
            return null;
        }
        var errors = new List<string>();
        // Dead letters go to the cluster the job reads from, with the same connection settings.
        var settings = kafkaSource is null ? null : Settings(kafkaSource, configuration, null, errors, context.Options.BaseDirectory);
        var producer = KafkaConnectorSettings.ConnectionOnly(settings?.ClientProperties ?? new Dictionary<string, string>());
        if (!producer.ContainsKey("bootstrap.servers"))
        {
            producer["bootstrap.servers"] = KafkaConnection.BootstrapServers(configuration)
                ?? throw new ConnectorException($"job {context.JobName}: no Kafka bootstrap servers for its dead-letter topic: set ConnectionStrings__kafka");
        }
        var topic = context.Settings.DeadLetterTopic ?? KafkaDeadLetterWriter.DefaultTopic(context.JobName);
        return new KafkaDeadLetterWriter(context.JobName, topic, producer, telemetry);
    }

    /// <summary>
    /// The changelog topics a statement's job writes: one per stateful operator, when it reads only Kafka
    /// streams (one operator chain per partition) and keeps changelogs (<c>'state.changelog'</c>).
    /// </summary>
    public static IEnumerable<string> ChangelogTopics(BoundStatement statement, string job, string? application)
    {
        if (!statement.Settings.StateChangelog || statement.SourceConfigs.Any(s => s.Type.Name != ConnectorCatalog.KafkaSource))
        {
            return [];
        }
        var planned = LogicalPlanner.Plan(statement, [.. statement.SourceConfigs.Select(_ => SourceShape.Json.Schema)], PayloadFormat.Json);
        if (!planned.Succeeded || !OperatorChains.Partitionable(planned.Plan!))
        {
            return [];
        }
        return StatefulOperators.Of(planned.Plan!).Select(op => ChangelogStateStores.TopicName(application ?? "app", job, op));
    }

    public static KafkaConnectorSettings? Settings(
        EndpointConfig endpoint, IConfiguration configuration, string? defaultGroupId, List<string> errors, string? baseDirectory = null)
    {
        var prefixed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in endpoint.Properties)
        {
            prefixed[$"{endpoint.Name}.{property.Key}"] = property.Value;
        }
        return KafkaConnectorSettings.Parse(endpoint.Name, prefixed, configuration, defaultGroupId, errors, baseDirectory);
    }

    /// <param name="application">The application's name (<c>-- @app:</c>), part of the default group id.</param>
    public static KafkaSource? CreateSource(
        EndpointConfig endpoint, IConfiguration configuration, VelostreamTelemetry telemetry, string application, string job, List<string> errors,
        string? baseDirectory = null)
    {
        var settings = Settings(endpoint, configuration, KafkaConnectorSettings.DefaultGroupId(application, job, endpoint.Name), errors, baseDirectory);
        if (settings is null)
        {
            return null;
        }
        var source = new KafkaSource(settings, $"velostream-{job}");
        telemetry.Metrics.TrackConsumerLag(job, settings.Topic, () => source.Lag);
        return source;
    }

    public static KafkaSink? CreateSink(
        EndpointConfig endpoint, IConfiguration configuration, VelostreamTelemetry telemetry, string job, List<string> errors, string? baseDirectory = null)
    {
        var settings = Settings(endpoint, configuration, null, errors, baseDirectory);
        return settings is null ? null : new KafkaSink(settings, $"velostream-{job}", telemetry);
    }

    /// <summary>The job's dead-letter topic: <c>'&lt;job&gt;.dlq.topic'</c>, by default <c>&lt;job&gt;-dlq</c>.</summary>
    public static string DeadLetterTopic(BoundStatement statement) =>
        statement.Settings.DeadLetterTopic ?? KafkaDeadLetterWriter.DefaultTopic(statement.Statement.JobName ?? "job");

    /// <summary>Whether a job can send records to a dead-letter topic (by failure or late-data strategy).</summary>
    public static bool UsesDeadLetters(BoundStatement statement) =>
        statement.Settings.Failure == FailureStrategy.DeadLetter || statement.Settings.LateData == LateDataStrategy.DeadLetter;

    /// <summary>
    /// Every Kafka topic the statements read or write, with the partitions to create them with, and the
    /// changelog topics of their stateful operators (as many partitions as the input).
    /// </summary>
    /// <param name="application">The application's name (<c>-- @app:</c>), part of the changelog topics' names.</param>
    public static IReadOnlyDictionary<string, int> Topics(IEnumerable<BoundStatement> statements, IConfiguration configuration, string? application = null)
    {
        var topics = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (statement, index) in statements.Select((s, i) => (s, i)))
        {
            var endpoints = statement.SourceConfigs.AsEnumerable();
            if (statement.Sink is { } sink)
            {
                endpoints = endpoints.Append(sink);
            }
            var kafka = false;
            foreach (var endpoint in endpoints)
            {
                if (endpoint.Type.Name is not (ConnectorCatalog.KafkaSource or ConnectorCatalog.KafkaSink))
                {
                    continue;
                }
                kafka = true;
                // Topic names do not need a broker address; report nothing about it here.
                var settings = Settings(endpoint, configuration, null, [], null);
                var topic = endpoint.Get("topic.name") ?? endpoint.Get("topic") ?? endpoint.Name;
                topics[settings?.Topic ?? topic] = Math.Max(topics.GetValueOrDefault(settings?.Topic ?? topic), settings?.Partitions ?? 1);
            }
            if (kafka && UsesDeadLetters(statement))
            {
                topics.TryAdd(DeadLetterTopic(statement), 1);
            }
            var inputPartitions = statement.SourceConfigs.Max(s => topics.GetValueOrDefault(Settings(s, configuration, null, [], null)?.Topic ?? s.Name, 1));
            foreach (var changelog in ChangelogTopics(statement, SqlJobCompiler.JobName(statement, index), application))
            {
                topics[changelog] = inputPartitions;
            }
        }
        return topics;
    }
}
