using Microsoft.Extensions.Configuration;
using Velostream.Engine.Sql.Ast;
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
    /// <param name="sourceCreated">Told about every Kafka source built, those of repartition stages included (the job server reads their lag).</param>
    public static ConnectorRegistry Register(
        ConnectorRegistry registry, IConfiguration configuration, VelostreamTelemetry telemetry, Action<string, KafkaSource>? sourceCreated = null) =>
        registry
            .AddSource(ConnectorCatalog.KafkaSource, context =>
            {
                var errors = new List<string>();
                var application = context.Options.AppName ?? "app";
                var producer = SharedProducer(context.Connections, configuration, application, context.JobName);
                var source = (context.Connections.CoPartitioned.Any(c => c.Name == context.Config.Name)
                        ? context.Connections.CoPartitionedSources(() => CreateCoPartitionedSources(
                            context.Connections.CoPartitioned, configuration, telemetry, application, context.JobName, context.Options.BaseDirectory, producer))
                            .First(s => s.Name == context.Config.Name)
                        : CreateSource(context.Config, configuration, telemetry, application, context.JobName, errors, context.Options.BaseDirectory, producer,
                            global: context.Connections.Tables.Any(c => c.Name == context.Config.Name)))
                    ?? throw new ConnectorException(string.Join("; ", errors));
                sourceCreated?.Invoke(context.JobName, source);
                return source;
            })
            .AddSink(ConnectorCatalog.KafkaSink, context =>
            {
                var errors = new List<string>();
                var producer = SharedProducer(context.Connections, configuration, context.Options.AppName ?? "app", context.JobName);
                return CreateSink(context.Config, configuration, telemetry, context.JobName, errors, context.Options.BaseDirectory, producer)
                    ?? throw new ConnectorException(string.Join("; ", errors));
            })
            .AddDeadLetter(context => CreateDeadLetterWriter(context, configuration, telemetry))
            .AddPartitionCount(ConnectorCatalog.KafkaSource, context => PartitionCount(context, configuration))
            .AddRepartition(ConnectorCatalog.KafkaSource, context =>
            {
                var channel = CreateRepartition(context, configuration, telemetry);
                if (channel?.Input is KafkaSource stream) sourceCreated?.Invoke(context.JobName, stream);
                return channel;
            });

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
        var shared = SharedProducer(context.Connections, configuration, context.Options.AppName ?? "app", context.JobName);
        shared.Configure(producer, overrideExisting: false);
        return new KafkaDeadLetterWriter(context.JobName, topic, shared, telemetry);
    }

    /// <summary>
    /// The job's one producer (sinks, dead letters, changelog stores), transactional when
    /// <see cref="KafkaTransactions.Enabled"/> says so; built on first use.
    /// </summary>
    private static JobProducer SharedProducer(JobConnections connections, IConfiguration configuration, string application, string job) =>
        connections.SharedProducer(() => new JobProducer(
            $"velostream-{job}",
            KafkaTransactions.Enabled(connections, configuration) ? KafkaTransactions.TransactionalId(application, job, configuration) : null));

    // Properties of the original source that the read-back source replaces or must not inherit.
    private static readonly HashSet<string> ReadBackOverrides = new(StringComparer.OrdinalIgnoreCase)
    {
        "topic", "topic.name", "group.id", "partitions", "topic.partitions", Repartition.KeyFieldProperty,
    };

    /// <summary>The partitions of a source's topic as the cluster reports them; those it declares when the topic does not exist yet.</summary>
    private static int PartitionCount(ConnectorContext context, IConfiguration configuration)
    {
        var errors = new List<string>();
        var settings = Settings(context.Config, configuration, null, errors, context.Options.BaseDirectory) ?? throw new ConnectorException(string.Join("; ", errors));
        using var admin = new KafkaTopicAdmin(KafkaConnectorSettings.ConnectionOnly(settings.ClientProperties));
        return Partitions(admin, settings);
    }

    private static int Partitions(KafkaTopicAdmin admin, KafkaConnectorSettings settings) =>
        admin.Partitions(settings.Topic) is > 0 and var n ? n : settings.Partitions;

    /// <summary>
    /// The internal topic of a job whose stream must be re-keyed, created when missing with the input's
    /// partition count (one for a global aggregate); null when the input has a single partition.
    /// </summary>
    private static RepartitionChannel? CreateRepartition(RepartitionContext context, IConfiguration configuration, VelostreamTelemetry telemetry)
    {
        var source = context.Source;
        var app = context.Options.AppName ?? "app";
        var errors = new List<string>();
        var settings = Settings(source, configuration, KafkaConnectorSettings.DefaultGroupId(app, context.JobName, source.Name), errors, context.Options.BaseDirectory)
            ?? throw new ConnectorException(string.Join("; ", errors));
        var connection = KafkaConnectorSettings.ConnectionOnly(settings.ClientProperties);
        var topic = Repartition.TopicName(app, context.JobName);
        int partitions, input;
        using (var admin = new KafkaTopicAdmin(connection))
        {
            // A topic not created yet will have the partitions the application declares for it.
            input = Partitions(admin, settings);
            if (input <= 1) return null;
            partitions = context.SinglePartition ? 1 : input;
            if (admin.Ensure(topic, partitions) is { } reason)
            {
                throw new ConnectorException($"job {context.JobName}: could not create its repartition topic '{topic}' ({reason}); create it with {partitions} partition(s)");
            }
        }
        var readBack = source with
        {
            Properties =
            [
                .. source.Properties.Where(p => !ReadBackOverrides.Contains(p.Key)),
                new Property("topic.name", topic, default, default),
                new Property("group.id", Repartition.GroupId(app, context.JobName), default, default),
            ],
        };
        // The Java client's hash, so that tools and other clients agree on where a key lives.
        connection["partitioner"] = "murmur2_random";
        var through = new KafkaSink($"{context.JobName}-repartition", topic, connection, $"velostream-{context.JobName}-repartition", telemetry);
        var stream = CreateSource(source, configuration, telemetry, app, context.JobName, errors, context.Options.BaseDirectory);
        if (stream is null)
        {
            through.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new ConnectorException(string.Join("; ", errors));
        }
        return new RepartitionChannel(stream, through, readBack, topic, partitions, input);
    }

    /// <summary>
    /// The changelog topics a statement's job writes: one per stateful operator, when it reads only Kafka
    /// streams (one operator chain per partition) and keeps changelogs (<c>'state.changelog'</c>).
    /// </summary>
    public static IEnumerable<string> ChangelogTopics(BoundStatement statement, string job, string? application)
    {
        // (A source that is another statement's output is known only once the application's statements are connected.)
        if (!statement.Settings.StateChangelog || statement.Sources.Count != statement.SourceConfigs.Count
            || statement.SourceConfigs.Any(s => s.Type.Name != ConnectorCatalog.KafkaSource))
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
    /// <param name="global">The table side of a stream–table join: every partition, read whole by every replica (<see cref="KafkaSource.Global"/>).</param>
    public static KafkaSource? CreateSource(
        EndpointConfig endpoint, IConfiguration configuration, VelostreamTelemetry telemetry, string application, string job, List<string> errors,
        string? baseDirectory = null, JobProducer? jobProducer = null, bool global = false)
    {
        var settings = Settings(endpoint, configuration, KafkaConnectorSettings.DefaultGroupId(application, job, endpoint.Name), errors, baseDirectory);
        if (settings is null)
        {
            return null;
        }
        // The job's producer reaches the cluster the way its sources do, unless a sink says otherwise.
        jobProducer?.Configure(KafkaConnectorSettings.ConnectionOnly(settings.ClientProperties), overrideExisting: false);
        KafkaSource source;
        if (global)
        {
            using var admin = new KafkaTopicAdmin(KafkaConnectorSettings.ConnectionOnly(settings.ClientProperties));
            source = KafkaSource.Global(settings.Name, settings.Topic, Partitions(admin, settings), settings.ClientProperties, $"velostream-{job}");
        }
        else
        {
            source = new KafkaSource(settings, $"velostream-{job}");
        }
        telemetry.Metrics.TrackConsumerLag(job, settings.Topic, () => source.Lag);
        return source;
    }

    /// <summary>
    /// The inputs of a join of Kafka streams as sources of one consumer (<see cref="KafkaSource.CoPartitioned"/>),
    /// configured as the first of them is (its group, its client properties).
    /// </summary>
    private static IReadOnlyList<KafkaSource> CreateCoPartitionedSources(
        IReadOnlyList<EndpointConfig> endpoints, IConfiguration configuration, VelostreamTelemetry telemetry, string application, string job,
        string? baseDirectory, JobProducer? jobProducer)
    {
        var errors = new List<string>();
        var settings = endpoints.Select(e => Settings(e, configuration, KafkaConnectorSettings.DefaultGroupId(application, job, e.Name), errors, baseDirectory)).ToList();
        if (settings.Any(s => s is null))
        {
            throw new ConnectorException(string.Join("; ", errors));
        }
        jobProducer?.Configure(KafkaConnectorSettings.ConnectionOnly(settings[0]!.ClientProperties), overrideExisting: false);
        var sources = KafkaSource.CoPartitioned([.. settings.Select(s => (s!.Name, s.Topic))], settings[0]!.ClientProperties, $"velostream-{job}");
        foreach (var source in sources)
        {
            telemetry.Metrics.TrackConsumerLag(job, source.Topic, () => source.Lag);
        }
        return sources;
    }

    /// <param name="jobProducer">The job's shared producer (null: the sink gets a producer of its own).</param>
    public static KafkaSink? CreateSink(
        EndpointConfig endpoint, IConfiguration configuration, VelostreamTelemetry telemetry, string job, List<string> errors, string? baseDirectory = null,
        JobProducer? jobProducer = null)
    {
        var settings = Settings(endpoint, configuration, null, errors, baseDirectory);
        if (settings is null)
        {
            return null;
        }
        if (jobProducer is null)
        {
            return new KafkaSink(settings, $"velostream-{job}", telemetry);
        }
        jobProducer.Configure(settings.ClientProperties, overrideExisting: true);
        return new KafkaSink(settings.Name, settings.Topic, jobProducer, telemetry);
    }

    /// <summary>The job's dead-letter topic: <c>'&lt;job&gt;.dlq.topic'</c>, by default <c>&lt;job&gt;-dlq</c>.</summary>
    public static string DeadLetterTopic(BoundStatement statement) =>
        statement.Settings.DeadLetterTopic ?? KafkaDeadLetterWriter.DefaultTopic(statement.Statement.JobName ?? "job");

    /// <summary>Whether a job can send records to a dead-letter topic (by failure or late-data strategy).</summary>
    public static bool UsesDeadLetters(BoundStatement statement) =>
        statement.Settings.Failure == FailureStrategy.DeadLetter || statement.Settings.LateData == LateDataStrategy.DeadLetter;

    /// <summary>
    /// Every Kafka topic the statements read or write, with the partitions to create them with, and the
    /// repartition topics of application <paramref name="application"/>'s jobs whose input declares several partitions.
    /// changelog topics of their stateful operators (as many partitions as the input).
    /// </summary>
    /// <param name="application">The application's name (<c>-- @app:</c>), part of the changelog topics' names.</param>
    public static IReadOnlyDictionary<string, int> Topics(IEnumerable<BoundStatement> statements, IConfiguration configuration, string? application = null)
    {
        var topics = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (statement, index) in statements.Select((s, i) => (s, i)))
        {
            if (LogicalPlanner.Plan(statement).Plan?.Find<Repartition>() is { } repartition
                && Settings(repartition.Source.Config!, configuration, null, [], null) is { Partitions: > 1 } input)
            {
                topics[Repartition.TopicName(application, Execution.Planning.SqlJobCompiler.JobName(statement, index))] =
                    repartition.Keys.Count == 0 ? 1 : input.Partitions;
            }
            var endpoints = statement.Selects.SelectMany(s => s.SourceConfigs);
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
            // Each SELECT of a UNION ALL is a job of its own, with its own changelogs.
            foreach (var (select, b) in statement.Selects.Select((s, b) => (s, b)))
            {
                var inputPartitions = select.SourceConfigs.Select(s => topics.GetValueOrDefault(Settings(s, configuration, null, [], null)?.Topic ?? s.Name, 1)).DefaultIfEmpty(1).Max();
                foreach (var changelog in ChangelogTopics(select, JobRunner.SelectJobName(SqlJobCompiler.JobName(statement, index), b), application))
                {
                    topics[changelog] = inputPartitions;
                }
            }
        }
        return topics;
    }
}
