using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>
/// MEDIAN of non-NULL numbers: the middle value, or the mean of the two middle values for an even
/// count (exact for BIGINT/DECIMAL: the mean of 1 and 2 is 1.5). Keeps every value of the group.
/// </summary>
internal sealed class MedianState : AggregateState
{
    private readonly List<SqlValue> _values = [];

    public override void Add(in SqlValue value, long sequence)
    {
        if (value.IsNumeric) _values.Add(value);
    }

    public override SqlValue Result()
    {
        if (_values.Count == 0) return SqlValue.Null;
        var sorted = _values.ToArray();
        Array.Sort(sorted, static (a, b) => SqlComparison.CompareForOrder(a, b));
        var mid = sorted.Length / 2;
        if (sorted.Length % 2 == 1) return sorted[mid];
        var a = sorted[mid - 1];
        var b = sorted[mid];
        if (a.Kind == ValueKind.Double || b.Kind == ValueKind.Double)
        {
            return SqlValue.FromDouble((a.ToDouble() + b.ToDouble()) / 2);
        }
        return SqlValue.FromDecimal((a.ToDecimal() + b.ToDecimal()) / 2m);
    }

    public override void Merge(AggregateState other) => _values.AddRange(((MedianState)other)._values);

    public override void Reset() => _values.Clear();

    public override void Write(StateWriter writer) => writer.Values([.. _values]);

    public override void Read(StateReader reader) => _values.AddRange(reader.Values());
}
