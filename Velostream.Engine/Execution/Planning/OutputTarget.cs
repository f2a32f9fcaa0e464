using Velostream.Engine.Connectors;

namespace Velostream.Engine.Execution.Planning;

/// <summary>Where a compiled job writes: its sink (in the sink's format) and its dead-letter sink, if any.</summary>
internal sealed record OutputTarget(IRecordSink Sink, PayloadFormat Format, IRecordSink? DeadLetters = null);
