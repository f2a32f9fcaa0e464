using Velostream.Engine.Execution.Operators.Aggregates;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>EMIT FINAL: each group's row once, when its window closes (without a window, at the end of bounded input).</summary>
internal sealed class EmitFinal(GroupOutput output) : EmitPolicy(output, holdsResults: true)
{
    public override int Updated(GroupState group, long windowStart, long windowEnd) => 0;

    public override int Closed(GroupState group, long windowStart, long windowEnd) => Output.Emit(group, windowStart, windowEnd);
}
