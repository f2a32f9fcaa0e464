using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Connectors;

/// <summary>
/// A job's internal topic, ready: <see cref="Input"/> reads the original stream (with the job's own
/// consumer group), <see cref="Through"/> writes the re-keyed records to <see cref="Topic"/>, and
/// <see cref="ReadBack"/> configures the source the stateful part reads it with (same name and
/// settings as the original, the internal topic and its own consumer group). <see cref="Partitions"/>
/// is the internal topic's partition count, <see cref="SourcePartitions"/> the original stream's.
/// </summary>
internal sealed record RepartitionChannel(IRecordSource Input, IRecordSink Through, EndpointConfig ReadBack, string Topic, int Partitions, int SourcePartitions);
