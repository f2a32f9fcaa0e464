using Velostream.Engine.Execution.Operators.Aggregates;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>
/// One session window of one key: from its first record to its last record plus the gap. Open until
/// the watermark passes its end; with <c>'update_previous'</c> kept <see cref="Closed"/> (its row
/// written) for one gap more, for late rows.
/// </summary>
internal sealed class Session(long start, long end, GroupState state, byte[] key)
{
    public long Start = start;
    public long End = end;
    public GroupState State = state;
    public readonly byte[] Key = key;

    /// <summary>Its row was written when it closed; kept only for late rows (<c>'update_previous'</c>).</summary>
    public bool Closed;

    /// <summary>No longer in the store (merged into another, or forgotten): its queued ends are stale.</summary>
    public bool Gone;

    /// <summary>The first offsets this session's not yet emitted result depends on (EMIT FINAL only).</summary>
    public HeldOffsets Held = new();
}
