using Velostream.Engine.Execution.Operators.Aggregates;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>EMIT CHANGES: the group's updated row after every record; nothing more when its window closes.</summary>
internal sealed class EmitChanges(GroupOutput output) : EmitPolicy(output, holdsResults: false)
{
    public override int Updated(GroupState group, long windowStart, long windowEnd) => Output.Emit(group, windowStart, windowEnd);

    public override int Closed(GroupState group, long windowStart, long windowEnd) => 0;
}
