using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Connectors;

/// <summary>What a dead-letter factory gets: the job, its settings (<c>dlq.path</c>, <c>dlq.topic</c>) and its sources.</summary>
internal sealed record DeadLetterContext(string JobName, JobSettings Settings, IReadOnlyList<EndpointConfig> Sources, JobOptions Options)
{
    /// <summary>What the job's connectors share (its one Kafka producer).</summary>
    public required JobConnections Connections { get; init; }

    public string ResolvePath(string path) => Options.ResolvePath(path);
}
