using Velostream.Engine.Execution.Keys;

namespace Velostream.Engine.Execution.Operators.Aggregation;

/// <summary>
/// The groups of one window (or of the whole stream when there is no window), looked up by the
/// bytes of their key values without allocating, and kept in first-seen order for emission.
/// </summary>
internal sealed class WindowBucket
{
    private readonly Dictionary<byte[], GroupState> _groups = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], GroupState>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public WindowBucket(long start, long end)
    {
        Start = start;
        End = end;
        _lookup = _groups.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public long Start { get; }

    public long End { get; }

    /// <summary>Groups in the order their keys first appeared.</summary>
    public List<GroupState> Ordered { get; } = [];

    public int Count => Ordered.Count;

    /// <summary>The first offsets this window's not yet emitted results depend on (EMIT FINAL only).</summary>
    public HeldOffsets Held { get; } = new();

    public bool TryGet(ReadOnlySpan<byte> key, out GroupState group) => _lookup.TryGetValue(key, out group!);

    public void Add(ReadOnlySpan<byte> key, GroupState group)
    {
        _groups.Add(key.ToArray(), group);
        Ordered.Add(group);
    }
}
