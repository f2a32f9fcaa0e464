using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Connectors;

/// <summary>
/// What a connector factory gets: the endpoint's WITH properties, the job it serves and the run's
/// options. <see cref="OutputColumns"/> is set for sinks (null when the columns follow the input, SELECT * over JSON).
/// </summary>
internal sealed record ConnectorContext(
    EndpointConfig Config,
    string JobName,
    JobOptions Options,
    IReadOnlyList<string>? OutputColumns = null)
{
    /// <summary>Resolves a path from the SQL against the SQL file's folder.</summary>
    public string ResolvePath(string path) => Options.ResolvePath(path);

    /// <summary>What the job's connectors share (its one Kafka producer).</summary>
    public required JobConnections Connections { get; init; }

    public PayloadFormat Format => ConnectorCatalog.ParseFormat(Config.Get("format"));
}
