using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Aggregates;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>
/// Which groups a row of a GROUP BY belongs to and when they close: one continuous group per key
/// (<see cref="ContinuousGroups"/>), or per key and window (<see cref="TumblingWindows"/>,
/// <see cref="SlidingWindows"/>, <see cref="SessionWindows"/>). The groups live in a state store;
/// the emit policy says when their rows are written.
/// </summary>
internal abstract class WindowStrategy(GroupFolder folder, EmitPolicy emit, GroupOutput output)
{
    protected GroupFolder Folder { get; } = folder;

    protected EmitPolicy Emit { get; } = emit;

    protected GroupOutput Output { get; } = output;

    /// <summary>Key arrays of dropped groups, reused for new groups' store keys.</summary>
    protected StoreKeyPool StoreKeys { get; } = new();

    public long Watermark { get; private set; } = long.MinValue;

    /// <summary>
    /// What becomes of a row whose windows have all closed: see <see cref="LateDataStrategy"/>.
    /// <see cref="LateDataStrategy.IncludeInNextWindow"/> is applied by the aggregator (the row is
    /// accepted again at the watermark); the windows apply <see cref="LateDataStrategy.UpdatePrevious"/>.
    /// </summary>
    public LateDataStrategy LateData { get; set; } = LateDataStrategy.Drop;

    /// <summary>Groups held: one per key in each open window or session (or per key without a window).</summary>
    public abstract int GroupCount { get; }

    /// <summary>Open windows or sessions; null without a window.</summary>
    public abstract int? OpenWindows { get; }

    /// <summary>
    /// Folds the row last read by the folder into every window it belongs to, at event time
    /// <paramref name="t"/>. Returns rows written, or false in <paramref name="late"/>'s place when
    /// all its windows have closed already (nothing was changed).
    /// </summary>
    public abstract int Accept(EvalContext row, LineageSample? inputs, long t, out bool late);

    /// <summary>Closes every window whose end the watermark has reached. Returns rows written.</summary>
    public int AdvanceWatermark(long watermark)
    {
        if (watermark <= Watermark) return 0;
        Watermark = watermark;
        return CloseUpTo(watermark);
    }

    /// <summary>End of bounded input: every open window closes. Returns rows written.</summary>
    public virtual int Finish() => AdvanceWatermark(long.MaxValue);

    /// <summary>Lowers <paramref name="into"/> to the first offsets that results not yet written depend on.</summary>
    public abstract void ReportHeld(Dictionary<int, long>[] into);

    protected abstract int CloseUpTo(long watermark);

    /// <summary>
    /// Folds the row into the group under <paramref name="key"/> in <paramref name="groups"/>, made when
    /// new; <paramref name="createdKey"/> is then the key's copy the store keeps, else null.
    /// </summary>
    protected GroupState Update(State.IKeyValueStore<GroupState> groups, ReadOnlySpan<byte> key, EvalContext row, LineageSample? inputs, long t, out byte[]? createdKey)
    {
        createdKey = null;
        if (!groups.TryUpdate(key, out var group))
        {
            group = Folder.NewGroup();
            createdKey = StoreKeys.Copy(key);
            groups.Put(createdKey, group);
        }
        Folder.Fold(group, row, inputs, t);
        return group;
    }
}
