using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Aggregates;
using Velostream.Engine.Execution.State;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary><c>SLIDING(ts, size, advance)</c>: windows of the size starting every advance; a row counts in each that covers it.</summary>
internal sealed class SlidingWindows(GroupFolder folder, EmitPolicy emit, GroupOutput output, IKeyValueStore<GroupState> groups, long size, long advance)
    : BucketedWindows(folder, emit, output, groups, size)
{
    public override int Accept(EvalContext row, LineageSample? inputs, long t, out bool late)
    {
        var outputs = 0;
        var any = false;
        // Every window [s, s + size) with s aligned to the advance and s <= t < s + size.
        var first = AlignDown(t - Size, advance) + advance;
        for (var s = first; s <= t; s += advance)
        {
            var e = s + Size;
            if (e <= Watermark)
            {
                outputs += AddToClosed(s, e, row, inputs, t, out var kept);
                any |= kept;
                continue;
            }
            any = true;
            outputs += AddTo(s, e, row, inputs, t);
        }
        late = !any;
        return outputs;
    }
}
