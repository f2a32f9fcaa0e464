using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Aggregates;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>When a group's row is written: on every change (<see cref="EmitChanges"/>) or once, when its window closes (<see cref="EmitFinal"/>).</summary>
internal abstract class EmitPolicy(GroupOutput output, bool holdsResults)
{
    protected GroupOutput Output { get; } = output;

    /// <summary>True when results wait for their window to close, so their inputs must not be committed yet.</summary>
    public bool HoldsResults { get; } = holdsResults;

    /// <summary>A row was folded into <paramref name="group"/>. Returns rows written.</summary>
    public abstract int Updated(GroupState group, long windowStart, long windowEnd);

    /// <summary><paramref name="group"/>'s window closed (or the input ended). Returns rows written.</summary>
    public abstract int Closed(GroupState group, long windowStart, long windowEnd);

    /// <summary>Notes the row's input offsets in <paramref name="held"/> when its result is not written yet.</summary>
    public void Hold(HeldOffsets held, EvalContext row, LineageSample? inputs)
    {
        if (!HoldsResults) return;
        // A row from an interval join carries both inputs, in source order; any other row is the current record.
        if (inputs is null)
        {
            held.Note(row.SourceIndex, row.Record.Partition, row.Record.Offset);
            return;
        }
        var items = inputs.Items;
        for (var i = 0; i < items.Count; i++)
        {
            held.Note(i, items[i].Partition, items[i].Offset);
        }
    }
}
