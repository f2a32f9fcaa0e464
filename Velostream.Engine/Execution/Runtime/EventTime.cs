using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Functions;

namespace Velostream.Engine.Execution.Runtime;

/// <summary>
/// A record's event time, decided once for the executor and the repartition stage alike: the source's
/// event-time field when it has one and it holds a timestamp, else the message timestamp, else (when the
/// query needs event time) the processing time.
/// </summary>
internal static class EventTime
{
    /// <summary>
    /// The event time of the record in <paramref name="ctx"/>, whose fields are decoded; false when the query
    /// needs event time (<paramref name="needed"/>) and the field at <paramref name="slot"/> has none.
    /// </summary>
    public static bool TryRead(EvalContext ctx, int slot, bool needed, out long eventTime)
    {
        if (slot >= 0)
        {
            if (TimeFunctions.TryTimestamp(ctx.Values[slot], out eventTime)) return true;
            if (needed) return false;
        }
        eventTime = ctx.Record.TimestampMs >= 0 ? ctx.Record.TimestampMs : needed ? ctx.NowMs : -1;
        return true;
    }
}
