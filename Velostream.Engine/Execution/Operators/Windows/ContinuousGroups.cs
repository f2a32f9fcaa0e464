using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Aggregates;
using Velostream.Engine.Execution.State;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>GROUP BY without a window: one group per key for the whole stream; never late. EMIT FINAL writes each group once, at the end of bounded input.</summary>
internal sealed class ContinuousGroups : WindowStrategy
{
    private readonly IKeyValueStore<GroupState> _groups;
    // Groups in the order their keys first appeared, for EMIT FINAL (a restored store's in its order).
    private readonly List<GroupState> _ordered = [];
    private readonly HeldOffsets _held = new();

    public ContinuousGroups(GroupFolder folder, EmitPolicy emit, GroupOutput output, IKeyValueStore<GroupState> groups)
        : base(folder, emit, output)
    {
        _groups = groups;
        _ordered.AddRange(groups.All().Select(p => p.Value).OrderBy(g => g.FirstSeen));
        _ordered.ForEach(folder.Restored);
    }

    public override int GroupCount => _groups.Count;

    public override int? OpenWindows => null;

    public override int Accept(EvalContext row, LineageSample? inputs, long t, out bool late)
    {
        late = false;
        Emit.Hold(_held, row, inputs);
        var group = Update(_groups, Folder.Key, row, inputs, t, out var created);
        if (created is not null) _ordered.Add(group);
        return Emit.Updated(group, -1, -1);
    }

    public override int Finish()
    {
        if (!Emit.HoldsResults) return 0;
        var outputs = 0;
        foreach (var g in _ordered)
        {
            outputs += Emit.Closed(g, -1, -1);
        }
        return outputs + Output.Flush();
    }

    public override void ReportHeld(Dictionary<int, long>[] into)
    {
        if (Emit.HoldsResults) _held.LowerInto(into);
    }

    protected override int CloseUpTo(long watermark) => 0;
}
