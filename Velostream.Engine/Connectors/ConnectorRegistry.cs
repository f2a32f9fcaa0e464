using Velostream.Engine.Connectors.File;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Telemetry;

using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Connectors;

/// <summary>
/// Maps <c>'&lt;name&gt;.type'</c> values to factories, so jobs build their sources and sinks without
/// knowing connector classes. Files are registered by <see cref="CreateDefault"/>; other connectors
/// (Kafka) add theirs. Dead-letter factories are asked in order; the first that returns a sink wins.
/// </summary>
internal sealed class ConnectorRegistry
{
    private readonly Dictionary<string, Func<ConnectorContext, IRecordSource>> _sources = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<ConnectorContext, IRecordSink>> _sinks = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Func<DeadLetterContext, IRecordSink?>> _deadLetters = [];
    private readonly Dictionary<string, Func<RepartitionContext, RepartitionChannel?>> _repartitions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<ConnectorContext, int>> _partitionCounts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A registry with the file and Kafka connectors (Kafka's address from <c>ConnectionStrings__kafka</c>).</summary>
    /// <param name="telemetry">Where the Kafka connectors' spans and metrics go.</param>
    public static ConnectorRegistry CreateDefault(VelostreamTelemetry telemetry)
    {
        var registry = new ConnectorRegistry();
        FileConnectors.Register(registry);
        registry.AddSource(ConnectorCatalog.OneRow.Name, context => new OneRowSource(context.Config.Name));
        KafkaConnectors.Register(registry, KafkaConnection.FromEnvironment(), telemetry);
        return registry;
    }

    public ConnectorRegistry AddSource(string type, Func<ConnectorContext, IRecordSource> factory)
    {
        _sources[type] = factory;
        return this;
    }

    public ConnectorRegistry AddSink(string type, Func<ConnectorContext, IRecordSink> factory)
    {
        _sinks[type] = factory;
        return this;
    }

    public ConnectorRegistry AddDeadLetter(Func<DeadLetterContext, IRecordSink?> factory)
    {
        _deadLetters.Add(factory);
        return this;
    }

    /// <summary>How sources of <paramref name="sourceType"/> are re-keyed through an internal topic (Kafka).</summary>
    public ConnectorRegistry AddRepartition(string sourceType, Func<RepartitionContext, RepartitionChannel?> factory)
    {
        _repartitions[sourceType] = factory;
        return this;
    }

    /// <summary>The internal topic a job's stream goes through, or null when it needs none (one input partition) or its type has none.</summary>
    public RepartitionChannel? CreateRepartition(RepartitionContext context) =>
        _repartitions.TryGetValue(context.Source.Type.Name, out var factory) ? factory(context) : null;

    /// <summary>How many partitions sources of <paramref name="sourceType"/> have (Kafka: as the cluster reports).</summary>
    public ConnectorRegistry AddPartitionCount(string sourceType, Func<ConnectorContext, int> count)
    {
        _partitionCounts[sourceType] = count;
        return this;
    }

    /// <summary>The partitions of a source, or null for sources without partitions (files).</summary>
    public int? PartitionCount(ConnectorContext context) =>
        _partitionCounts.TryGetValue(context.Config.Type.Name, out var count) ? count(context) : null;

    public IRecordSource CreateSource(ConnectorContext context) =>
        _sources.TryGetValue(context.Config.Type.Name, out var factory)
            ? factory(context)
            : throw new ConnectorException($"source '{context.Config.Name}': connector type '{context.Config.Type.Name}' is not available in this engine");

    public IRecordSink CreateSink(ConnectorContext context) =>
        _sinks.TryGetValue(context.Config.Type.Name, out var factory)
            ? factory(context)
            : throw new ConnectorException($"sink '{context.Config.Name}': connector type '{context.Config.Type.Name}' is not available in this engine");

    /// <summary>The job's dead-letter sink, or null when no factory recognises its settings.</summary>
    public IRecordSink? CreateDeadLetterSink(DeadLetterContext context)
    {
        foreach (var factory in _deadLetters)
        {
            if (factory(context) is { } sink) return sink;
        }
        return null;
    }
}
