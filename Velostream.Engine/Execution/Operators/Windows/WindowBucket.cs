using Velostream.Engine.Execution.Operators.Aggregates;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>
/// One open tumbling or sliding window: its bounds, its groups in the order their keys first
/// appeared (for emission) with their keys in the state store, and the first offsets its results
/// not yet written depend on. A dropped window's bucket is <see cref="Reuse"/>d for a new window.
/// </summary>
internal sealed class WindowBucket(long start, long end)
{
    public long Start { get; private set; } = start;

    public long End { get; private set; } = end;

    /// <summary>Groups in the order their keys first appeared.</summary>
    public List<GroupState> Ordered { get; } = [];

    /// <summary>The store key of each group of <see cref="Ordered"/>, to remove them when the window closes.</summary>
    public List<byte[]> StoreKeys { get; } = [];

    public int Count => Ordered.Count;

    /// <summary>The first offsets this window's not yet emitted results depend on (EMIT FINAL only).</summary>
    public HeldOffsets Held { get; } = new();

    /// <summary>Makes this bucket, whose groups were dropped, the empty bucket of window [start, end).</summary>
    public void Reuse(long start, long end)
    {
        Start = start;
        End = end;
        Ordered.Clear();
        StoreKeys.Clear();
        Held.Clear();
    }
}
