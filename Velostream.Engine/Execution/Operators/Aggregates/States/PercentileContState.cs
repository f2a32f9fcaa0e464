using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>
/// PERCENTILE_CONT(x, p): the p-quantile of the group's non-NULL numbers by linear interpolation
/// between the two nearest ranks (position p·(n−1) of the sorted values), as DOUBLE. Keeps every value.
/// </summary>
internal sealed class PercentileContState(double fraction) : AggregateState
{
    private readonly List<double> _values = [];

    public double Fraction { get; } = fraction;

    public IReadOnlyList<double> Values => _values;

    public override void Add(in SqlValue value, long sequence)
    {
        if (value.IsNumeric) _values.Add(value.ToDouble());
    }

    public override SqlValue Result()
    {
        if (_values.Count == 0) return SqlValue.Null;
        var sorted = _values.ToArray();
        Array.Sort(sorted);
        var position = Fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        var result = sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
        return SqlValue.FromDouble(result);
    }

    public override void Merge(AggregateState other) => _values.AddRange(((PercentileContState)other)._values);

    public override void Reset() => _values.Clear();

    public override void Write(StateWriter writer)
    {
        writer.UInt((ulong)_values.Count);
        foreach (var value in _values)
        {
            writer.Double(value);
        }
    }

    public override void Read(StateReader reader)
    {
        var count = reader.Count();
        for (var i = 0; i < count; i++)
        {
            _values.Add(reader.Double());
        }
    }
}
