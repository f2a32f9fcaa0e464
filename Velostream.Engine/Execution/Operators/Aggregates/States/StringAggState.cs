using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>
/// LISTAGG / STRING_AGG: the text of every non-NULL value in arrival order, joined by the
/// delimiter (default ','); with DISTINCT each text once, where it first arrived; NULL for a group
/// without values. Keeps the values' text.
/// </summary>
internal sealed class StringAggState(string delimiter, bool distinct = false) : AggregateState
{
    // (arrival sequence, text): session windows merge states, and arrival order must survive that.
    private readonly List<(long Sequence, string Text)> _values = [];

    public string Delimiter { get; } = delimiter;

    public bool Distinct { get; } = distinct;

    public IReadOnlyList<(long Sequence, string Text)> Values => _values;

    public override void Add(in SqlValue value, long sequence)
    {
        if (value.IsNull) return;
        _values.Add((sequence, value.AsString()));
    }

    public override SqlValue Result()
    {
        if (_values.Count == 0) return SqlValue.Null;
        var texts = _values.Select(v => v.Text);
        return SqlValue.FromString(string.Join(Delimiter, Distinct ? texts.Distinct(StringComparer.Ordinal) : texts));
    }

    public override void Merge(AggregateState other)
    {
        _values.AddRange(((StringAggState)other)._values);
        _values.Sort(static (x, y) => x.Sequence.CompareTo(y.Sequence));
    }

    // The delimiter and DISTINCT come from the query (the state is created from its spec before it is read).
    public override void Reset() => _values.Clear();

    public override void Write(StateWriter writer)
    {
        writer.UInt((ulong)_values.Count);
        foreach (var (sequence, text) in _values)
        {
            writer.Long(sequence);
            writer.String(text);
        }
    }

    public override void Read(StateReader reader)
    {
        var count = reader.Count();
        for (var i = 0; i < count; i++)
        {
            _values.Add((reader.Long(), reader.String() ?? ""));
        }
    }
}
