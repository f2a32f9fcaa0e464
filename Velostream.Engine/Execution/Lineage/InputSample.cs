using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Lineage;

/// <summary>
/// The small, copyable part of one input record's metadata that an aggregate or join output keeps
/// so tracing can link the output to its inputs. Header values are referenced, not copied: sources
/// hand out a fresh array per message and nobody mutates them.
/// </summary>
internal readonly record struct InputSample(
    string? Topic,
    int Partition,
    long Offset,
    long TimestampMs,
    byte[]? TraceParent,
    byte[]? TraceState);
