using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Operators.Aggregates.States;
using Velostream.Engine.Sql.Logical;

namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>
/// One function over rows. LAG/LEAD: its argument, how many rows back (LAG) or ahead (LEAD), the
/// default when there is no such row. Every kind: its partition, how many rows a partition keeps,
/// and the row slot its value goes to. Ranking (<see cref="Name"/> says which) orders by
/// <see cref="OrderBy"/>; an aggregate (<see cref="Aggregate"/>) reads the frame from
/// <see cref="FrameStart"/> rows back (-1: a running aggregate) to <see cref="FrameEnd"/>.
/// </summary>
internal sealed record RowFunctionSpec(bool IsLead, Evaluator Argument, int Offset, Evaluator? Default, Evaluator[] Partition, int BufferRows, int Slot)
{
    public RowFunctionKind Kind { get; init; } = RowFunctionKind.Offset;

    public string Name { get; init; } = "";

    public AggregateKind Aggregate { get; init; }

    public Evaluator[] OrderBy { get; init; } = [];

    public bool[] Descending { get; init; } = [];

    public int FrameStart { get; init; }

    public int FrameEnd { get; init; }

    /// <summary>A RANGE frame with an offset: the rows by ORDER BY value (<see cref="RangeFrameRows"/>) instead of by count.</summary>
    public RangeFrame? Range { get; init; }
}
