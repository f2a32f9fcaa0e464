using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Formats;
using Velostream.Engine.Execution.Formats.Keys;

namespace Velostream.Engine.Execution.Runtime;

/// <summary>
/// The first stage of a repartitioned job, per record: decodes the fields its key reads and writes the
/// key's bytes exactly as the GROUP BY operator does (<see cref="SqlKeyWriter"/>), so that every
/// record of one group carries the same message key and lands in the same partition of the internal
/// topic. A record whose fields cannot be decoded or whose key fails to evaluate gets an empty key: it
/// goes through unchanged, and the stateful stage reports it under the job's failure strategy.
/// </summary>
internal sealed class RepartitionKeyer(IRecordDecoder decoder, int slotOffset, int slotCount, Evaluator[] keys)
{
    private readonly EvalContext _ctx = new(slotCount);
    private readonly SqlKeyWriter _writer = new();

    /// <summary>The message key of <paramref name="record"/> in the internal topic (empty for a global aggregate or a bad record).</summary>
    public ReadOnlySpan<byte> KeyOf(in SourceRecord record, long nowMs)
    {
        if (keys.Length == 0) return default;
        _ctx.Record = record;
        _ctx.NowMs = nowMs;
        if (!decoder.TryDecode(record.Value, _ctx.Values.AsSpan(slotOffset, decoder.Fields.Count), out _)) return default;
        _writer.Reset();
        foreach (var key in keys)
        {
            var v = key.Eval(_ctx);
            if (v.IsError) return default;
            _writer.Append(v);
        }
        return _writer.Written;
    }
}
