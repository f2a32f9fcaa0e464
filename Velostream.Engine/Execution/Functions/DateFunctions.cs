using System.Globalization;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Sql.Functions;

namespace Velostream.Engine.Execution.Functions;

/// <summary>
/// Velostream's date functions: TIMESTAMP, DATE_FORMAT, UNIX_TIMESTAMP, FROM_UNIXTIME, YEAR … SECOND,
/// DATE_TRUNC and DATEDIFF. Timestamps are epoch milliseconds, UTC; a BIGINT is read as epoch
/// milliseconds and a VARCHAR as ISO-8601 wherever a timestamp is expected (see
/// <see cref="TimeFunctions.TryTimestamp"/>).
/// </summary>
internal static class DateFunctions
{
    /// <summary>TIMESTAMP(): the record's timestamp; TIMESTAMP(x): x as a TIMESTAMP (epoch ms, ISO-8601 text or a TIMESTAMP).</summary>
    public static SqlValue Timestamp(ReadOnlySpan<SqlValue> a, EvalContext ctx)
    {
        if (a.Length == 0)
        {
            return ctx.Record.TimestampMs >= 0 ? SqlValue.FromTimestamp(ctx.Record.TimestampMs) : SqlValue.Null;
        }
        return WithTimestamp(a[0], "TIMESTAMP", SqlValue.FromTimestamp);
    }

    /// <summary>CURRENT_DATE: the start (00:00 UTC) of the current processing day, as a TIMESTAMP.</summary>
    public static SqlValue CurrentDate(ReadOnlySpan<SqlValue> a, EvalContext ctx) => SqlValue.FromTimestamp(ctx.NowMs - (((ctx.NowMs % 86_400_000) + 86_400_000) % 86_400_000));

    /// <summary>DATE_FORMAT(ts, format): strftime-style format (see <see cref="StrftimeFormatter"/>).</summary>
    public static SqlValue DateFormat(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull || a[1].IsNull) return SqlValue.Null;
        if (a[1].Kind != ValueKind.Varchar) return SqlValue.Error("DATE_FORMAT needs a VARCHAR format");
        var format = a[1].AsString();
        return WithTimestamp(a[0], "DATE_FORMAT", ms =>
            StrftimeFormatter.TryFormat(ms, format, out var text, out var error) ? SqlValue.FromString(text) : SqlValue.Error(error));
    }

    /// <summary>UNIX_TIMESTAMP(): now in epoch seconds; UNIX_TIMESTAMP(ts): ts in epoch seconds (floored).</summary>
    public static SqlValue UnixTimestamp(ReadOnlySpan<SqlValue> a, EvalContext ctx)
    {
        if (a.Length == 0) return SqlValue.FromLong(FloorDiv(ctx.NowMs, 1000));
        return WithTimestamp(a[0], "UNIX_TIMESTAMP", ms => SqlValue.FromLong(FloorDiv(ms, 1000)));
    }

    /// <summary>FROM_UNIXTIME(seconds): the TIMESTAMP of epoch seconds (a fraction keeps its milliseconds).</summary>
    public static SqlValue FromUnixTime(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        var v = a[0];
        if (v.IsNull) return SqlValue.Null;
        try
        {
            var result = v.Kind switch
            {
                ValueKind.BigInt => SqlValue.FromTimestamp(checked(v.AsLong * 1000)),
                ValueKind.Decimal when Math.Abs(v.AsDecimal) < 9e15m => SqlValue.FromTimestamp((long)decimal.Floor(v.AsDecimal * 1000m)),
                ValueKind.Double when double.IsFinite(v.AsDouble) && Math.Abs(v.AsDouble) < 9e15 => SqlValue.FromTimestamp((long)Math.Floor(v.AsDouble * 1000)),
                _ => SqlValue.Error($"FROM_UNIXTIME needs a number of seconds, got {SqlArithmetic.Name(v.Kind)}"),
            };
            return result.IsError || SqlTime.HasDate(result.AsLong) ? result : OutOfRange("FROM_UNIXTIME", result.AsLong);
        }
        catch (OverflowException)
        {
            return SqlValue.Error("FROM_UNIXTIME: seconds out of range");
        }
    }

    /// <summary>YEAR(ts), MONTH(ts), …: the field as EXTRACT gives it.</summary>
    public static ScalarImplementation Field(string field)
    {
        var name = SqlValue.FromString(field);
        return (a, ctx) => TimeFunctions.Extract([name, a[0]], ctx);
    }

    /// <summary>DATE_TRUNC(unit, ts): ts rounded down to the start of its unit (weeks start on Monday, as ISO weeks do).</summary>
    public static SqlValue DateTrunc(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull || a[1].IsNull) return SqlValue.Null;
        var unit = Unit(a[0]);
        return WithTimestamp(a[1], "DATE_TRUNC", ms =>
        {
            var t = SqlTime.ToDateTime(ms);
            DateTime? start = unit switch
            {
                "YEAR" => new DateTime(t.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                "QUARTER" => new DateTime(t.Year, (t.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, DateTimeKind.Utc),
                "MONTH" => new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc),
                "WEEK" => t.Date.AddDays(-(((int)t.DayOfWeek + 6) % 7)),
                "DAY" => t.Date,
                "HOUR" => new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc),
                "MINUTE" => new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, DateTimeKind.Utc),
                "SECOND" => new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, DateTimeKind.Utc),
                "MILLISECOND" => t,
                _ => null,
            };
            return start is { } s ? SqlValue.FromTimestamp(ToEpochMs(s)) : SqlValue.Error($"DATE_TRUNC: unknown unit {unit}");
        });
    }

    /// <summary>
    /// DATEDIFF(unit, start, end) as Velostream counts: calendar boundaries for years, quarters and
    /// months; calendar days; ISO weeks as (year difference × 52 + week difference); whole hours,
    /// minutes, seconds and milliseconds elapsed (truncated toward zero).
    /// </summary>
    public static SqlValue DateDiff(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull || a[1].IsNull || a[2].IsNull) return SqlValue.Null;
        if (!TimeFunctions.TryTimestamp(a[1], out var from) || !TimeFunctions.TryTimestamp(a[2], out var to))
        {
            return SqlValue.Error("DATEDIFF needs TIMESTAMPs");
        }
        if (!SqlTime.HasDate(from) || !SqlTime.HasDate(to)) return OutOfRange("DATEDIFF", SqlTime.HasDate(from) ? to : from);
        var unit = Unit(a[0]);
        var s = SqlTime.ToDateTime(from);
        var e = SqlTime.ToDateTime(to);
        long? diff = unit switch
        {
            "YEAR" => e.Year - s.Year,
            "QUARTER" => (e.Year - s.Year) * 4L + ((e.Month - 1) / 3 - (s.Month - 1) / 3),
            "MONTH" => (e.Year - s.Year) * 12L + (e.Month - s.Month),
            "WEEK" => (ISOWeek.GetYear(e) - ISOWeek.GetYear(s)) * 52L + (ISOWeek.GetWeekOfYear(e) - ISOWeek.GetWeekOfYear(s)),
            "DAY" => (long)(e.Date - s.Date).TotalDays,
            "HOUR" => (to - from) / 3_600_000,
            "MINUTE" => (to - from) / 60_000,
            "SECOND" => (to - from) / 1_000,
            "MILLISECOND" => to - from,
            _ => null,
        };
        return diff is { } d ? SqlValue.FromLong(d) : SqlValue.Error($"DATEDIFF: unknown unit {unit}");
    }

    private static string Unit(in SqlValue v) => DateUnits.Normalize(v.AsString());

    private static SqlValue WithTimestamp(in SqlValue v, string function, Func<long, SqlValue> then)
    {
        if (v.IsNull) return SqlValue.Null;
        if (!TimeFunctions.TryTimestamp(v, out var ms)) return SqlValue.Error($"{function} needs a TIMESTAMP, got {SqlArithmetic.Name(v.Kind)} '{v}'");
        return SqlTime.HasDate(ms) ? then(ms) : OutOfRange(function, ms);
    }

    private static SqlValue OutOfRange(string function, long ms) =>
        SqlValue.Error($"{function}: timestamp {ms} ms is outside the years 1 to 9999");

    private static long FloorDiv(long x, long y) => Math.DivRem(x, y, out var rem) - (rem < 0 ? 1 : 0);

    private static long ToEpochMs(DateTime t) => (long)(t - DateTime.UnixEpoch).TotalMilliseconds;
}
