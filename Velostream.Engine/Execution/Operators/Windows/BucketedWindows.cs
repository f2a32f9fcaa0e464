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
    private readonly SortedDictionary<long, WindowBucket> _windows = [];
    // With 'update_previous': closed windows kept for late rows, until the watermark passes their end by one window size.
    private readonly SortedDictionary<long, WindowBucket> _closed = [];
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
        foreach (var bucket in _windows.Values)
        {
            bucket.Held.LowerInto(into);
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
            var bucket = FirstWindow();
            if (bucket.End > watermark) break;
            foreach (var group in bucket.Ordered)
            {
                outputs += Emit.Closed(group, bucket.Start, bucket.End);
            }
            outputs += Output.Flush();
            if (LateData == LateDataStrategy.UpdatePrevious)
            {
                _closed[bucket.Start] = bucket;
            }
            else
            {
                Forget(bucket);
            }
            _windows.Remove(bucket.Start);
            if (ReferenceEquals(bucket, _lastBucket)) _lastBucket = null;
        }
        _earliestEnd = _windows.Count > 0 ? FirstWindow().End : long.MaxValue;
        while (_closed.Count > 0 && _closed.First().Value is var oldest && oldest.End + Size <= watermark)
        {
            Forget(oldest);
            _closed.Remove(oldest.Start);
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
            bucket = new WindowBucket(start, end);
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

    private void Forget(WindowBucket bucket)
    {
        foreach (var key in bucket.StoreKeys)
        {
            _groups.Delete(key);
        }
        _groupCount -= bucket.Count;
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

    private WindowBucket FirstWindow()
    {
        foreach (var pair in _windows)
        {
            return pair.Value;
        }
        throw new InvalidOperationException("no open window");
    }

    private WindowBucket Bucket(long start, long end)
    {
        if (_lastBucket is { } last && last.Start == start) return last;
        if (!_windows.TryGetValue(start, out var bucket))
        {
            bucket = new WindowBucket(start, end);
            _windows.Add(start, bucket);
            _earliestEnd = Math.Min(_earliestEnd, end);
        }
        _lastBucket = bucket;
        return bucket;
    }

    /// <summary>Floor division that also works for times before 1970.</summary>
    protected static long AlignDown(long t, long step) => t - (((t % step) + step) % step);
}
