using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Aggregates;
using Velostream.Engine.Execution.State;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary><c>TUMBLING(ts, size)</c>: windows aligned to multiples of the size since the epoch; each row belongs to exactly one.</summary>
internal sealed class TumblingWindows(GroupFolder folder, EmitPolicy emit, GroupOutput output, IKeyValueStore<GroupState> groups, long size)
    : BucketedWindows(folder, emit, output, groups, size)
{
    public override int Accept(EvalContext row, LineageSample? inputs, long t, out bool late)
    {
        var start = AlignDown(t, Size);
        var end = start + Size;
        if (end > Watermark)
        {
            late = false;
            return AddTo(start, end, row, inputs, t);
        }
        var outputs = AddToClosed(start, end, row, inputs, t, out var kept);
        late = !kept;
        return outputs;
    }
}
