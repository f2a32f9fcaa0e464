using Velostream.Engine.Execution.Operators.Aggregates.States;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>
/// The rows one ranking function or aggregate over rows keeps for one partition: a ring of the last
/// rows (each its argument value, or its ORDER BY values), for a running aggregate its state, and for
/// a RANGE frame with an offset its rows by value.
/// </summary>
internal sealed class RowWindow(int capacity, AggregateState? running)
{
    public readonly SqlValue[][] Rows = new SqlValue[Math.Max(0, capacity)][];

    /// <summary>Rows pushed so far.</summary>
    public long Count;

    /// <summary>The state of an aggregate over every row so far (no ring then).</summary>
    public readonly AggregateState? Running = running;

    /// <summary>The rows of a RANGE frame with an offset, by ORDER BY value (no ring then).</summary>
    public RangeFrameRows? Range;

    /// <summary>Rows in the ring.</summary>
    public int Held => (int)Math.Min(Count, Rows.Length);

    public void Push(SqlValue[] row)
    {
        if (Rows.Length > 0) Rows[Count % Rows.Length] = row;
        Count++;
    }

    /// <summary>The row <paramref name="back"/> rows before the last one pushed (0 = the last); it must be held.</summary>
    public SqlValue[] Back(int back) => Rows[(Count - 1 - back) % Rows.Length];
}
