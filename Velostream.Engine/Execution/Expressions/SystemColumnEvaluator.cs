using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>
/// <c>_event_time _timestamp _offset _partition _topic _key _window_start _window_end</c>, read
/// from the record and window metadata in the context (NULL when there is none).
/// </summary>
internal sealed class SystemColumnEvaluator(SystemColumn column) : Evaluator
{
    public SystemColumn Column { get; } = column;

    public override SqlValue Eval(EvalContext ctx)
    {
        switch (Column)
        {
            case SystemColumn.EventTime:
                return ctx.EventTimeMs >= 0 ? SqlValue.FromTimestamp(ctx.EventTimeMs) : SqlValue.Null;
            case SystemColumn.Timestamp:
                return ctx.Record.TimestampMs >= 0 ? SqlValue.FromTimestamp(ctx.Record.TimestampMs) : SqlValue.Null;
            case SystemColumn.Offset:
                return SqlValue.FromLong(ctx.Record.Offset);
            case SystemColumn.Partition:
                return SqlValue.FromLong(ctx.Record.Partition);
            case SystemColumn.Topic:
                return ctx.Record.Topic is null ? SqlValue.Null : SqlValue.FromString(ctx.Record.Topic);
            case SystemColumn.Key:
                var key = ctx.Record.Key;
                if (key.IsEmpty) return SqlValue.Null;
                return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(key, out var segment)
                    ? SqlValue.FromUtf8(segment.Array!, segment.Offset, segment.Count)
                    : SqlValue.FromUtf8(key.ToArray());
            case SystemColumn.WindowStart:
                return ctx.WindowStartMs >= 0 ? SqlValue.FromTimestamp(ctx.WindowStartMs) : SqlValue.Null;
            default:
                return ctx.WindowEndMs >= 0 ? SqlValue.FromTimestamp(ctx.WindowEndMs) : SqlValue.Null;
        }
    }
}
