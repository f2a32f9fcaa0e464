using Velostream.Engine.Execution.Operators.Aggregates;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>One open session window of one key: from its first record to its last record plus the gap.</summary>
internal sealed class Session(long start, long end, GroupState state, byte[] key)
{
    public long Start = start;
    public long End = end;
    public GroupState State = state;
    public readonly byte[] Key = key;
    public bool Closed;
    /// <summary>The first offsets this session's not yet emitted result depends on (EMIT FINAL only).</summary>
    public readonly HeldOffsets Held = new();
}
