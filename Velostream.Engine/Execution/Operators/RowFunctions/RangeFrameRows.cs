using Velostream.Engine.Execution.Operators.Aggregates.States;
using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Sql.Logical;

namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>
/// The rows an aggregate over a <c>RANGE</c> frame with an offset keeps for one partition, sorted by
/// their ORDER BY value (ties in arrival order). An arriving row's frame is the rows already held whose
/// value lies from <c>Start</c> to <c>End</c> before its own (peers that arrived earlier included), the
/// row itself included when the frame ends at CURRENT ROW. Rows whose value falls more than the start
/// offset below the highest value seen leave: no row in order can reach them again. A row that arrives
/// out of order (below that highest value) sees only the rows still held, and is itself kept only
/// while it is within the offset of the highest value.
/// </summary>
internal sealed class RangeFrameRows
{
    private readonly List<(decimal Order, long Sequence, SqlValue Value)> _rows = [];
    private decimal _highest = decimal.MinValue;
    private long _count;

    public int Held => _rows.Count;

    /// <summary>Adds the row, evicts the rows out of every future frame, and returns the aggregate over the row's frame.</summary>
    public SqlValue Push(RangeFrame frame, AggregateState state, decimal order, in SqlValue value)
    {
        var sequence = ++_count;
        if (order > _highest) _highest = order;
        var at = UpperBound(order);
        _rows.Insert(at, (order, sequence, value));
        var from = LowerBound(order - frame.Start);
        var to = UpperBound(order - frame.End);
        for (var i = from; i < to; i++)
        {
            state.Add(_rows[i].Value, _rows[i].Sequence);
        }
        // After the frame is read: an out-of-order row still sees itself, then leaves with the rest.
        var evict = LowerBound(_highest - frame.Start);
        if (evict > 0) _rows.RemoveRange(0, evict);
        return state.Result();
    }

    /// <summary>The ORDER BY value as a number: numbers as they are, timestamps and intervals in milliseconds; null for NULL, an error for anything else.</summary>
    public static SqlValue OrderValue(in SqlValue value, out decimal order)
    {
        order = 0;
        switch (value.Kind)
        {
            case ValueKind.Null:
                return SqlValue.Null;
            case ValueKind.BigInt or ValueKind.Timestamp or ValueKind.Interval:
                order = value.AsLong;
                return value;
            case ValueKind.Decimal:
                order = value.AsDecimal;
                return value;
            case ValueKind.Double when double.IsFinite(value.AsDouble) && Math.Abs(value.AsDouble) < 7.9e27:
                order = (decimal)value.AsDouble;
                return value;
            default:
                return SqlValue.Error($"a RANGE frame with an offset needs a number or a timestamp to ORDER BY, got {SqlArithmetic.Name(value.Kind)} '{value}'");
        }
    }

    // The first row whose value is at least / above the given one.
    private int LowerBound(decimal order) => Search(order, strict: false);

    private int UpperBound(decimal order) => Search(order, strict: true);

    private int Search(decimal order, bool strict)
    {
        int lo = 0, hi = _rows.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = _rows[mid].Order.CompareTo(order);
            if (c < 0 || (strict && c == 0)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>For a changelog (<see cref="RowWindowCodec"/>): rows pushed, the highest value, the held rows.</summary>
    public void Write(StateWriter writer)
    {
        writer.Long(_count);
        writer.Decimal(_highest);
        writer.UInt((ulong)_rows.Count);
        foreach (var (order, sequence, value) in _rows)
        {
            writer.Decimal(order);
            writer.Long(sequence);
            writer.Values([value]);
        }
    }

    public static RangeFrameRows Read(StateReader reader)
    {
        var rows = new RangeFrameRows { _count = reader.Long(), _highest = reader.Decimal() };
        var held = reader.Count();
        for (var i = 0; i < held; i++)
        {
            rows._rows.Add((reader.Decimal(), reader.Long(), reader.Values()[0]));
        }
        return rows;
    }
}
