using Velostream.Engine.Execution.Operators.Aggregates;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>
/// One open tumbling or sliding window: its bounds, its groups in the order their keys first
/// appeared (for emission) with their keys in the state store, and the first offsets its results
/// not yet written depend on.
/// </summary>
internal sealed class WindowBucket(long start, long end)
{
    public long Start { get; } = start;

    public long End { get; } = end;

    /// <summary>Groups in the order their keys first appeared.</summary>
    public List<GroupState> Ordered { get; } = [];

    /// <summary>The store key of each group of <see cref="Ordered"/>, to remove them when the window closes.</summary>
    public List<byte[]> StoreKeys { get; } = [];

    public int Count => Ordered.Count;

    /// <summary>The first offsets this window's not yet emitted results depend on (EMIT FINAL only).</summary>
    public HeldOffsets Held { get; } = new();
}
