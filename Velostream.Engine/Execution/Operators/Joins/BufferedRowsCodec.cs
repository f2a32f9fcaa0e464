using Velostream.Engine.Execution.State.Codecs;

namespace Velostream.Engine.Execution.Operators.Joins;

/// <summary>The rows an interval join buffers under one key: values, event time, expiry and match flags (lineage starts empty).</summary>
internal sealed class BufferedRowsCodec : IStateCodec<List<BufferedRow>>
{
    public static readonly BufferedRowsCodec Instance = new();

    public byte Version => 1;

    public void Write(List<BufferedRow> value, StateWriter writer)
    {
        writer.UInt((ulong)value.Count);
        foreach (var row in value)
        {
            writer.Values(row.Values);
            writer.Long(row.TimeMs);
            writer.Long(row.ExpiresAfterMs);
            writer.Bool(row.Matched);
            writer.Bool(row.Dead);
        }
    }

    public List<BufferedRow> Read(StateReader reader, byte[] key)
    {
        var rows = new List<BufferedRow>();
        for (var n = reader.Count(); n > 0; n--)
        {
            var values = reader.Values();
            var time = reader.Long();
            var expires = reader.Long();
            rows.Add(new BufferedRow(values, time, expires, default, key) { Matched = reader.Bool(), Dead = reader.Bool() });
        }
        return rows;
    }
}
