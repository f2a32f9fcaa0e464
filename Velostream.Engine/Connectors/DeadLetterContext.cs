using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Connectors;

/// <summary>What a dead-letter factory gets: the job, its settings (<c>dlq.path</c>, <c>dlq.topic</c>) and its sources.</summary>
internal sealed record DeadLetterContext(string JobName, JobSettings Settings, IReadOnlyList<EndpointConfig> Sources, JobOptions Options)
{
    public string ResolvePath(string path) => Options.ResolvePath(path);
}
