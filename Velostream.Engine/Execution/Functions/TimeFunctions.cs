using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Functions;

/// <summary>
/// NOW, EXTRACT and TUMBLE_START/TUMBLE_END. Timestamps are epoch milliseconds, UTC; a BIGINT is
/// read as epoch milliseconds and a VARCHAR as ISO-8601 where a timestamp is expected.
/// </summary>
internal static class TimeFunctions
{
    public static SqlValue Now(ReadOnlySpan<SqlValue> a, EvalContext ctx) => SqlValue.FromTimestamp(ctx.NowMs);

    /// <summary>EXTRACT('FIELD', ts): YEAR MONTH DAY HOUR MINUTE SECOND MILLISECOND DOW (0 = Sunday) DOY WEEK (ISO) QUARTER EPOCH (seconds).</summary>
    public static SqlValue Extract(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[1].IsNull) return SqlValue.Null;
        if (!TryTimestamp(a[1], out var ms)) return SqlValue.Error($"EXTRACT needs a TIMESTAMP, got {SqlArithmetic.Name(a[1].Kind)}");
        if (!SqlTime.HasDate(ms)) return SqlValue.Error($"EXTRACT: timestamp {ms} ms is outside the years 1 to 9999");
        var t = SqlTime.ToDateTime(ms);
        var field = a[0].AsString().ToUpperInvariant();
        long? value = field switch
        {
            "YEAR" => t.Year,
            "MONTH" => t.Month,
            "DAY" => t.Day,
            "HOUR" => t.Hour,
            "MINUTE" => t.Minute,
            "SECOND" => t.Second,
            "MILLISECOND" or "MILLISECONDS" => t.Millisecond,
            // Timestamps hold milliseconds: the sub-second part in finer units, as Velostream gives it.
            "MICROSECOND" => t.Millisecond * 1_000L,
            "NANOSECOND" => t.Millisecond * 1_000_000L,
            "DOW" or "DAYOFWEEK" => (int)t.DayOfWeek,
            "DOY" or "DAYOFYEAR" => t.DayOfYear,
            "WEEK" => System.Globalization.ISOWeek.GetWeekOfYear(t),
            "QUARTER" => (t.Month - 1) / 3 + 1,
            "EPOCH" => Math.DivRem(ms, 1000L, out var rem) - (rem < 0 ? 1 : 0),
            _ => null,
        };
        return value is { } v ? SqlValue.FromLong(v) : SqlValue.Error($"EXTRACT: unknown field {field}");
    }

    /// <summary>
    /// TUMBLE_START(ts, size): the start of the tumbling window of <c>size</c> holding ts. Inside a
    /// windowed aggregate the planner binds TUMBLE_START to the current window instead.
    /// </summary>
    public static SqlValue TumbleStart(ReadOnlySpan<SqlValue> a, EvalContext ctx) => Tumble(a, ctx, end: false);

    public static SqlValue TumbleEnd(ReadOnlySpan<SqlValue> a, EvalContext ctx) => Tumble(a, ctx, end: true);

    private static SqlValue Tumble(ReadOnlySpan<SqlValue> a, EvalContext ctx, bool end)
    {
        if (a.Length < 2)
        {
            var bound = end ? ctx.WindowEndMs : ctx.WindowStartMs;
            return bound >= 0 ? SqlValue.FromTimestamp(bound) : SqlValue.Null;
        }
        if (a[0].IsNull || a[1].IsNull) return SqlValue.Null;
        if (!TryTimestamp(a[0], out var ms)) return SqlValue.Error("TUMBLE_START/TUMBLE_END need a TIMESTAMP");
        if (a[1].Kind != ValueKind.Interval || a[1].AsLong <= 0) return SqlValue.Error("TUMBLE_START/TUMBLE_END need a positive INTERVAL size");
        var size = a[1].AsLong;
        var start = ms - (((ms % size) + size) % size);
        return SqlValue.FromTimestamp(end ? start + size : start);
    }

    public static bool TryTimestamp(in SqlValue v, out long ms)
    {
        switch (v.Kind)
        {
            case ValueKind.Timestamp:
            case ValueKind.BigInt:
                ms = v.AsLong;
                return true;
            case ValueKind.Decimal:
                ms = (long)v.AsDecimal;
                return true;
            case ValueKind.Double:
                ms = (long)v.AsDouble;
                return true;
            case ValueKind.Varchar:
                return SqlTime.TryParseIso(v.AsUtf8, out ms);
            default:
                ms = 0;
                return false;
        }
    }
}
