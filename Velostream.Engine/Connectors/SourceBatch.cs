namespace Velostream.Engine.Connectors;

/// <summary>A reusable buffer of records read in one go from a source.</summary>
public sealed class SourceBatch
{
    private SourceRecord[] _items;

    public SourceBatch(int capacity = 1024) => _items = new SourceRecord[capacity];

    public int Count { get; private set; }

    public int Capacity => _items.Length;

    /// <summary>The consumer group the records were read through (Kafka sources; null for files), for their spans.</summary>
    public string? ConsumerGroup { get; set; }

    public ReadOnlySpan<SourceRecord> Records => _items.AsSpan(0, Count);

    /// <summary>
    /// The records' fields, already decoded by a read-ahead stage on another thread (null: the
    /// executor decodes them itself). Cleared with the batch.
    /// </summary>
    internal Execution.Runtime.DecodedFields? Decoded { get; set; }

    public ref SourceRecord this[int index] => ref _items[index];

    /// <summary>Appends a record slot (growing if needed) and returns it for the caller to fill.</summary>
    public ref SourceRecord Add()
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        ref var slot = ref _items[Count++];
        slot = default;
        return ref slot;
    }

    /// <summary>Removes the records <paramref name="remove"/> selects, keeping the others in order (a partition taken away mid-read).</summary>
    public void RemoveWhere(Func<SourceRecord, bool> remove)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            if (remove(_items[i])) continue;
            _items[kept++] = _items[i];
        }
        Array.Clear(_items, kept, Count - kept);
        Count = kept;
    }

    public void Clear()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
        Decoded?.Clear();
    }

    /// <summary>Exchanges the contents of two batches (a read-ahead stage hands over a filled one without copying).</summary>
    internal void SwapWith(SourceBatch other)
    {
        (_items, other._items) = (other._items, _items);
        (Count, other.Count) = (other.Count, Count);
        (ConsumerGroup, other.ConsumerGroup) = (other.ConsumerGroup, ConsumerGroup);
        (Decoded, other.Decoded) = (other.Decoded, Decoded);
    }
}
