using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>
/// LISTAGG / STRING_AGG: the text of every non-NULL value in arrival order, joined by the
/// delimiter (default ','); NULL for a group without values. Keeps the values' text.
/// </summary>
internal sealed class StringAggState(string delimiter) : AggregateState
{
    // (arrival sequence, text): session windows merge states, and arrival order must survive that.
    private readonly List<(long Sequence, string Text)> _values = [];

    public string Delimiter { get; } = delimiter;

    public IReadOnlyList<(long Sequence, string Text)> Values => _values;

    public override void Add(in SqlValue value, long sequence)
    {
        if (value.IsNull) return;
        _values.Add((sequence, value.AsString()));
    }

    public override SqlValue Result()
    {
        return _values.Count == 0 ? SqlValue.Null : SqlValue.FromString(string.Join(Delimiter, _values.Select(v => v.Text)));
    }

    public override void Merge(AggregateState other)
    {
        _values.AddRange(((StringAggState)other)._values);
        _values.Sort(static (x, y) => x.Sequence.CompareTo(y.Sequence));
    }
}
