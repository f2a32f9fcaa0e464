using System.Buffers.Text;
using System.Globalization;
using Velostream.Engine.Execution.Functions;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>
/// CAST(x AS type). Numbers to BIGINT round half away from zero; DECIMAL(p, s) rounds to scale s
/// and fails when more than p digits remain; text parses (ISO-8601 for TIMESTAMP, true/false for
/// BOOLEAN); a BIGINT becomes a TIMESTAMP as epoch milliseconds. A value that does not convert is
/// an error value naming it.
/// </summary>
internal sealed class CastEvaluator(Evaluator operand, ValueKind target, int? precision = null, int? scale = null) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx)
    {
        var v = operand.Eval(ctx);
        if (v.IsNull || v.IsError) return v;
        return Convert(v, target, precision, scale);
    }

    public static SqlValue Convert(in SqlValue v, ValueKind target, int? precision = null, int? scale = null)
    {
        if (v.Kind == target && target != ValueKind.Decimal) return v;
        switch (target)
        {
            case ValueKind.BigInt:
                switch (v.Kind)
                {
                    case ValueKind.Decimal:
                        var m = Math.Round(v.AsDecimal, MidpointRounding.AwayFromZero);
                        return m is >= long.MinValue and <= long.MaxValue ? SqlValue.FromLong((long)m) : SqlArithmetic.Overflow();
                    case ValueKind.Double:
                        var d = Math.Round(v.AsDouble, MidpointRounding.AwayFromZero);
                        return double.IsFinite(d) && d >= long.MinValue && d < long.MaxValue ? SqlValue.FromLong((long)d) : SqlArithmetic.Overflow();
                    case ValueKind.Boolean:
                        return SqlValue.FromLong(v.AsBool ? 1 : 0);
                    case ValueKind.Timestamp:
                    case ValueKind.Interval:
                        return SqlValue.FromLong(v.AsLong);
                    case ValueKind.Varchar:
                        var text = Trimmed(v);
                        if (Utf8Parser.TryParse(text, out long l, out var used) && used == text.Length) return SqlValue.FromLong(l);
                        if (Utf8Parser.TryParse(text, out decimal md, out used) && used == text.Length) return Convert(SqlValue.FromDecimal(md), target);
                        break;
                }
                break;
            case ValueKind.Double:
                if (v.IsNumeric) return SqlValue.FromDouble(v.ToDouble());
                if (v.Kind == ValueKind.Varchar)
                {
                    var text = Trimmed(v);
                    if (Utf8Parser.TryParse(text, out double d, out var used) && used == text.Length)
                    {
                        return double.IsFinite(d) ? SqlValue.FromDouble(d) : SqlValue.Error("numeric overflow: beyond DOUBLE's range");
                    }
                }
                break;
            case ValueKind.Decimal:
                decimal value;
                if (v.Kind is ValueKind.BigInt or ValueKind.Decimal)
                {
                    value = v.ToDecimal();
                }
                else if (v.Kind == ValueKind.Double)
                {
                    if (!double.IsFinite(v.AsDouble) || Math.Abs(v.AsDouble) > 7.9e28) return SqlArithmetic.Overflow();
                    value = (decimal)v.AsDouble;
                }
                else if (v.Kind == ValueKind.Varchar)
                {
                    var text = Trimmed(v);
                    if (!Utf8Parser.TryParse(text, out value, out var used) || used != text.Length) break;
                }
                else
                {
                    break;
                }
                if (scale is { } s)
                {
                    value = Math.Round(value, s, MidpointRounding.AwayFromZero);
                    // Math.Round keeps a smaller scale: pad so DECIMAL(10,2) of 1.5 is 1.50.
                    value = SetScale(value, s);
                }
                if (precision is { } p && IntegerDigits(value) > p - (scale ?? 0))
                {
                    return SqlValue.Error($"value {value.ToString(CultureInfo.InvariantCulture)} does not fit DECIMAL({p}{(scale is null ? "" : "," + scale)})");
                }
                return SqlValue.FromDecimal(value);
            case ValueKind.Varchar:
                return SqlValue.FromString(v.ToString());
            case ValueKind.Boolean:
                if (v.Kind == ValueKind.BigInt) return SqlValue.FromBool(v.AsLong != 0);
                if (v.Kind == ValueKind.Varchar)
                {
                    var text = v.AsString().Trim().ToLowerInvariant();
                    if (text is "true" or "t" or "1" or "yes") return SqlValue.True;
                    if (text is "false" or "f" or "0" or "no") return SqlValue.False;
                }
                break;
            case ValueKind.Timestamp:
                if (v.Kind is ValueKind.BigInt or ValueKind.Varchar or ValueKind.Decimal or ValueKind.Double
                    && TimeFunctions.TryTimestamp(v, out var ms))
                {
                    return SqlValue.FromTimestamp(ms);
                }
                break;
            case ValueKind.Interval:
                if (v.Kind == ValueKind.BigInt) return SqlValue.FromInterval(v.AsLong);
                if (v.Kind == ValueKind.Varchar && Sql.Syntax.DurationText.TryParse(v.AsString(), out var dur)) return SqlValue.FromInterval((long)dur.TotalMilliseconds);
                break;
        }
        return SqlValue.Error($"cannot cast {Describe(v)} to {SqlArithmetic.Name(target)}");
    }

    private static ReadOnlySpan<byte> Trimmed(in SqlValue v) => v.AsUtf8.Trim(" \t"u8);

    private static string Describe(in SqlValue v) =>
        v.Kind == ValueKind.Varchar ? "'" + v.AsString() + "'" : $"{SqlArithmetic.Name(v.Kind)} {v}";

    private static decimal SetScale(decimal value, int scale)
    {
        var current = (decimal.GetBits(value)[3] >> 16) & 0xFF;
        for (var i = current; i < scale; i++)
        {
            value *= 1.0m;
        }
        return value;
    }

    private static int IntegerDigits(decimal value)
    {
        var integer = decimal.Truncate(Math.Abs(value));
        var digits = 0;
        while (integer >= 1m)
        {
            integer = decimal.Truncate(integer / 10m);
            digits++;
        }
        return digits;
    }
}
