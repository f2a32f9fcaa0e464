using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Connectors;

/// <summary>
/// What a repartition factory gets: the stream to re-key, the job and its options, and whether every
/// record goes to one partition (a global aggregate).
/// </summary>
internal sealed record RepartitionContext(EndpointConfig Source, string JobName, JobOptions Options, bool SinglePartition);
