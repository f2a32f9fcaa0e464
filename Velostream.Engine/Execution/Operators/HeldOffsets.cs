
namespace Velostream.Engine.Execution.Operators;

/// <summary>
/// The first input offset per (stream source, partition) that one piece of operator state (an open
/// window, a session, a buffered join row) depends on. Offsets rise within a partition, so only the
/// first record per partition matters: <see cref="Note"/> sets a slot once and later records of the
/// same partition cost one comparison. A job may not commit a source past the lowest such offset,
/// or a restart would rebuild the state from part of its input.
/// </summary>
internal sealed class HeldOffsets
{
    private const long None = long.MaxValue;

    // [source][partition] → first offset, None when the slot is unused; grown on demand.
    private long[][] _first = [];

    public bool IsEmpty { get; private set; } = true;

    public void Note(int source, int partition, long offset)
    {
        if (source < 0 || partition < 0) return;
        if ((uint)source >= (uint)_first.Length) Array.Resize(ref _first, source + 1);
        ref var slots = ref _first[source];
        if (slots is null || partition >= slots.Length)
        {
            var old = slots?.Length ?? 0;
            Array.Resize(ref slots, Math.Max(partition + 1, old * 2));
            Array.Fill(slots, None, old, slots.Length - old);
        }
        if (offset < slots[partition])
        {
            slots[partition] = offset;
            IsEmpty = false;
        }
    }

    /// <summary>Takes the other state's offsets too (a session that absorbed another).</summary>
    public void Merge(HeldOffsets other)
    {
        for (var s = 0; s < other._first.Length; s++)
        {
            var slots = other._first[s];
            if (slots is null) continue;
            for (var p = 0; p < slots.Length; p++)
            {
                if (slots[p] != None) Note(s, p, slots[p]);
            }
        }
    }

    /// <summary>Holds nothing again (a closed window's state reused for a new window); the slots are kept.</summary>
    public void Clear()
    {
        foreach (var slots in _first)
        {
            if (slots is not null) Array.Fill(slots, None);
        }
        IsEmpty = true;
    }

    /// <summary>Lowers <paramref name="into"/>[source][partition] to this state's offsets where they are lower.</summary>
    public void LowerInto(Dictionary<int, long>[] into)
    {
        for (var s = 0; s < _first.Length && s < into.Length; s++)
        {
            var slots = _first[s];
            if (slots is null) continue;
            for (var p = 0; p < slots.Length; p++)
            {
                var offset = slots[p];
                if (offset == None) continue;
                if (!into[s].TryGetValue(p, out var held) || offset < held) into[s][p] = offset;
            }
        }
    }
}
