using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>
/// FIRST_VALUE / LAST_VALUE: the value of the group's first / last record in arrival order
/// (NULL values count: the first record's value is the first value even when NULL).
/// </summary>
internal sealed class FirstLastState(bool last) : AggregateState
{
    private OwnedValue _value;
    private long _sequence = -1;

    public override void Add(in SqlValue value, long sequence)
    {
        if (_sequence < 0 || (last ? sequence >= _sequence : sequence < _sequence))
        {
            _value.Set(value);
            _sequence = sequence;
        }
    }

    public override SqlValue Result() => _value.Value;

    public override void Merge(AggregateState other)
    {
        var o = (FirstLastState)other;
        if (o._sequence >= 0) Add(o._value.Value, o._sequence);
    }

    public override void Reset()
    {
        _value.Clear();
        _sequence = -1;
    }

    public override void Write(StateWriter writer)
    {
        writer.Long(_sequence);
        writer.Value(_value.Value);
    }

    public override void Read(StateReader reader)
    {
        _sequence = reader.Long();
        _value.Value = reader.Value();
    }
}
