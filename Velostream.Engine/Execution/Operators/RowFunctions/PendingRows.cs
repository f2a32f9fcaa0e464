
namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>The rows of one LEAD partition waiting for the rows they read, in arrival order.</summary>
internal sealed class PendingRows
{
    public readonly List<HeldRow> Rows = [];

    /// <summary>The position the next row of the partition takes.</summary>
    public long Next;
}
