using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// One function over rows. LAG/LEAD: how many rows back or ahead it reads (<see cref="Offset"/>)
/// and how many rows a partition keeps. Ranking functions: the rows they rank among
/// (<see cref="BufferRows"/>). Aggregates: the rows of the frame, from <see cref="FrameStart"/>
/// rows back (-1: every row of the partition so far) to <see cref="FrameEnd"/> rows back (0 = the row itself),
/// or by ORDER BY value (<see cref="Range"/>).
/// </summary>
internal sealed record RowFunctionCall(FunctionCall Call, bool IsLead, int Offset, int BufferRows, RowFunctionKind Kind = RowFunctionKind.Offset, int FrameStart = 0, int FrameEnd = 0)
{
    public RangeFrame? Range { get; init; }
}

internal enum RowFunctionKind
{
    /// <summary>LAG or LEAD.</summary>
    Offset,
    Ranking,
    Aggregate,
}
