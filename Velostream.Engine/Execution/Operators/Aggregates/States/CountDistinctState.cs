using Velostream.Engine.Execution.Formats.Keys;
using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>COUNT_DISTINCT(x): distinct non-NULL values, compared as group keys are (5 and 5.0 are one value).</summary>
internal sealed class CountDistinctState : AggregateState
{
    [ThreadStatic]
    private static SqlKeyWriter? s_writer;

    private readonly HashSet<byte[]> _seen = new(ByteKeyComparer.Instance);

    public override void Add(in SqlValue value, long sequence)
    {
        if (value.IsNull) return;
        var writer = s_writer ??= new SqlKeyWriter();
        writer.Reset();
        writer.Append(value);
        var lookup = _seen.GetAlternateLookup<ReadOnlySpan<byte>>();
        lookup.Add(writer.Written);
    }

    public override SqlValue Result() => SqlValue.FromLong(_seen.Count);

    public override void Merge(AggregateState other) => _seen.UnionWith(((CountDistinctState)other)._seen);

    public override void Reset() => _seen.Clear();

    public override void Write(StateWriter writer)
    {
        writer.UInt((ulong)_seen.Count);
        foreach (var value in _seen)
        {
            writer.Bytes(value);
        }
    }

    public override void Read(StateReader reader)
    {
        for (var n = reader.Count(); n > 0; n--)
        {
            _seen.Add(reader.Bytes());
        }
    }
}
