using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Formats;
using Velostream.Engine.Execution.Formats.Keys;

namespace Velostream.Engine.Execution.Runtime;

/// <summary>
/// The first stage of a repartitioned job, per record: decodes the fields its key reads and writes the
/// key's bytes exactly as the GROUP BY operator does (<see cref="SqlKeyWriter"/>), so that every
/// record of one group carries the same message key and lands in the same partition of the internal
/// topic; and reads the record's event time as the stateful stage will (<see cref="EventTime"/>), for the
/// watermark records. A record whose fields cannot be decoded or whose key fails to evaluate gets an
/// empty key and no event time: it goes through unchanged, and the stateful stage reports it under the
/// job's failure strategy.
/// </summary>
internal sealed class RepartitionKeyer(IRecordDecoder decoder, int slotOffset, int slotCount, Evaluator[] keys, int eventTimeSlot, bool needsEventTime)
{
    private readonly EvalContext _ctx = new(slotCount);
    private readonly SqlKeyWriter _writer = new();

    /// <summary>
    /// The message key of <paramref name="record"/> in the internal topic (empty for a global aggregate or a
    /// bad record), and its event time (<see cref="long.MinValue"/> when it has none).
    /// </summary>
    public ReadOnlySpan<byte> KeyOf(in SourceRecord record, long nowMs, out long eventTime)
    {
        eventTime = long.MinValue;
        _ctx.Record = record;
        _ctx.NowMs = nowMs;
        if (keys.Length > 0 || eventTimeSlot >= 0)
        {
            if (!decoder.TryDecode(record.Value, _ctx.Values.AsSpan(slotOffset, decoder.Fields.Count), out _)) return default;
        }
        if (EventTime.TryRead(_ctx, eventTimeSlot, needsEventTime, out var t) && (t >= 0 || eventTimeSlot >= 0)) eventTime = t;
        if (keys.Length == 0) return default;
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
