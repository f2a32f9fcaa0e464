using System.Buffers.Binary;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Aggregates;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>
/// Windows of one fixed size aligned on event time (tumbling and sliding): groups are kept in the
/// store under (window start, group key); windows close in start order, which is end order.
/// </summary>
internal abstract class BucketedWindows : WindowStrategy
{
    private readonly IKeyValueStore<GroupState> _groups;
    // By start; a sorted list: few windows are open at once, and adding one allocates nothing.
    private readonly SortedList<long, WindowBucket> _windows = [];
    // With 'update_previous': closed windows kept for late rows, until the watermark passes their end by one window size.
    private readonly SortedList<long, WindowBucket> _closed = [];
    // Buckets of dropped windows, reused for new ones.
    private readonly Stack<WindowBucket> _spareBuckets = new();
    private const int MaxSpareBuckets = 64;
    private WindowBucket? _lastBucket;
    private long _earliestEnd = long.MaxValue;
    private byte[] _storeKey = new byte[64];
    private int _groupCount;

    protected BucketedWindows(GroupFolder folder, EmitPolicy emit, GroupOutput output, IKeyValueStore<GroupState> groups, long size)
        : base(folder, emit, output)
    {
        _groups = groups;
        Size = size;
        // A restored store: its windows open again, from the start each key holds.
        foreach (var (key, group) in groups.All().OrderBy(p => p.Value.FirstSeen))
        {
            var start = BinaryPrimitives.ReadInt64BigEndian(key);
            var bucket = Bucket(start, start + size);
            bucket.Ordered.Add(group);
            bucket.StoreKeys.Add(key);
            _groupCount++;
            folder.Restored(group);
        }
    }

    protected long Size { get; }

    public override int GroupCount => _groupCount;

    public override int? OpenWindows => _windows.Count;

    public override void ReportHeld(Dictionary<int, long>[] into)
    {
        if (!Emit.HoldsResults) return;
        for (var i = 0; i < _windows.Count; i++)
        {
            _windows.GetValueAtIndex(i).Held.LowerInto(into);
        }
    }

    /// <summary>Folds the row into its group of window [start, end). Returns rows written.</summary>
    protected int AddTo(long start, long end, EvalContext row, LineageSample? inputs, long t)
    {
        var bucket = Bucket(start, end);
        Emit.Hold(bucket.Held, row, inputs);
        var key = StoreKey(start, Folder.Key);
        var group = Update(_groups, key, row, inputs, t, out var created);
        if (created is not null)
        {
            bucket.Ordered.Add(group);
            bucket.StoreKeys.Add(created);
            _groupCount++;
        }
        return Emit.Updated(group, start, end);
    }

    protected override int CloseUpTo(long watermark)
    {
        if (watermark < _earliestEnd) return 0;
        var outputs = 0;
        while (_windows.Count > 0)
        {
            var bucket = _windows.GetValueAtIndex(0);
            if (bucket.End > watermark) break;
            foreach (var group in bucket.Ordered)
            {
                outputs += Emit.Closed(group, bucket.Start, bucket.End);
            }
            outputs += Output.Flush();
            _windows.RemoveAt(0);
            if (ReferenceEquals(bucket, _lastBucket)) _lastBucket = null;
            if (LateData == LateDataStrategy.UpdatePrevious)
            {
                _closed[bucket.Start] = bucket;
            }
            else
            {
                Forget(bucket);
            }
        }
        _earliestEnd = _windows.Count > 0 ? _windows.GetValueAtIndex(0).End : long.MaxValue;
        while (_closed.Count > 0 && _closed.GetValueAtIndex(0) is var oldest && oldest.End + Size <= watermark)
        {
            _closed.RemoveAt(0);
            Forget(oldest);
        }
        return outputs;
    }

    /// <summary>
    /// With <c>'update_previous'</c>, folds a late row into its window [start, end) when that window
    /// closed less than one window size ago, and writes the window's corrected row again (whatever
    /// the emit mode). <paramref name="kept"/> says whether it did.
    /// </summary>
    protected int AddToClosed(long start, long end, EvalContext row, LineageSample? inputs, long t, out bool kept)
    {
        kept = LateData == LateDataStrategy.UpdatePrevious && end + Size > Watermark;
        if (!kept) return 0;
        if (!_closed.TryGetValue(start, out var bucket))
        {
            bucket = NewBucket(start, end);
            _closed.Add(start, bucket);
        }
        var group = Update(_groups, StoreKey(start, Folder.Key), row, inputs, t, out var created);
        if (created is not null)
        {
            bucket.Ordered.Add(group);
            bucket.StoreKeys.Add(created);
            _groupCount++;
        }
        return Output.Emit(group, start, end) + Output.Flush();
    }

    // Drops a window no longer open nor kept for late rows. Nothing else holds its groups now (their rows
    // are written; rows held for ORDER BY are copies): once out of the store, its groups, their store keys
    // and the bucket itself are reused for the windows to come.
    private void Forget(WindowBucket bucket)
    {
        for (var i = 0; i < bucket.Count; i++)
        {
            var key = bucket.StoreKeys[i];
            _groups.Delete(key);
            StoreKeys.Return(key);
            Folder.Recycle(bucket.Ordered[i]);
        }
        _groupCount -= bucket.Count;
        if (_spareBuckets.Count < MaxSpareBuckets) _spareBuckets.Push(bucket);
    }

    // The window start, big-endian, then the group key: one store holds every window's groups.
    private ReadOnlySpan<byte> StoreKey(long start, ReadOnlySpan<byte> groupKey)
    {
        var length = sizeof(long) + groupKey.Length;
        if (_storeKey.Length < length) Array.Resize(ref _storeKey, Math.Max(length, _storeKey.Length * 2));
        BinaryPrimitives.WriteInt64BigEndian(_storeKey, start);
        groupKey.CopyTo(_storeKey.AsSpan(sizeof(long)));
        return _storeKey.AsSpan(0, length);
    }

    private WindowBucket NewBucket(long start, long end)
    {
        if (!_spareBuckets.TryPop(out var bucket)) return new WindowBucket(start, end);
        bucket.Reuse(start, end);
        return bucket;
    }

    private WindowBucket Bucket(long start, long end)
    {
        if (_lastBucket is { } last && last.Start == start) return last;
        if (!_windows.TryGetValue(start, out var bucket))
        {
            bucket = NewBucket(start, end);
            _windows.Add(start, bucket);
            _earliestEnd = Math.Min(_earliestEnd, end);
        }
        _lastBucket = bucket;
        return bucket;
    }

    /// <summary>Floor division that also works for times before 1970.</summary>
    protected static long AlignDown(long t, long step) => t - (((t % step) + step) % step);
}
