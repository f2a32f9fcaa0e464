using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Functions;

/// <summary>
/// Numeric functions. NULL in gives NULL out. ROUND, CEIL and FLOOR keep the argument's type
/// (DECIMAL stays exact; halves round away from zero); SQRT and POWER are DOUBLE.
/// </summary>
internal static class MathFunctions
{
    public static SqlValue Abs(ReadOnlySpan<SqlValue> a, EvalContext _) => a[0].Kind switch
    {
        ValueKind.Null => SqlValue.Null,
        ValueKind.BigInt => a[0].AsLong == long.MinValue ? SqlValue.FromDecimal(-(decimal)a[0].AsLong) : SqlValue.FromLong(Math.Abs(a[0].AsLong)),
        ValueKind.Decimal => SqlValue.FromDecimal(Math.Abs(a[0].AsDecimal)),
        ValueKind.Double => SqlValue.FromDouble(Math.Abs(a[0].AsDouble)),
        _ => NotNumeric("ABS", a[0]),
    };

    public static SqlValue Round(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull || (a.Length > 1 && a[1].IsNull)) return SqlValue.Null;
        var digits = 0;
        if (a.Length > 1)
        {
            if (a[1].Kind != ValueKind.BigInt) return NotNumeric("ROUND", a[1]);
            digits = (int)Math.Clamp(a[1].AsLong, -18, 28);
        }
        switch (a[0].Kind)
        {
            case ValueKind.BigInt:
                if (digits >= 0) return a[0];
                var factor = (long)Math.Pow(10, -digits);
                return SqlValue.FromLong((long)Math.Round((decimal)a[0].AsLong / factor, MidpointRounding.AwayFromZero) * factor);
            case ValueKind.Decimal:
                if (digits >= 0) return SqlValue.FromDecimal(Math.Round(a[0].AsDecimal, digits, MidpointRounding.AwayFromZero));
                var f = (decimal)Math.Pow(10, -digits);
                return SqlValue.FromDecimal(Math.Round(a[0].AsDecimal / f, MidpointRounding.AwayFromZero) * f);
            case ValueKind.Double:
                if (digits >= 0) return SqlValue.FromDouble(Math.Round(a[0].AsDouble, Math.Min(digits, 15), MidpointRounding.AwayFromZero));
                var g = Math.Pow(10, -digits);
                return SqlValue.FromDouble(Math.Round(a[0].AsDouble / g, MidpointRounding.AwayFromZero) * g);
            default:
                return NotNumeric("ROUND", a[0]);
        }
    }

    public static SqlValue Ceil(ReadOnlySpan<SqlValue> a, EvalContext _) => a[0].Kind switch
    {
        ValueKind.Null => SqlValue.Null,
        ValueKind.BigInt => a[0],
        ValueKind.Decimal => SqlValue.FromDecimal(decimal.Ceiling(a[0].AsDecimal)),
        ValueKind.Double => SqlValue.FromDouble(Math.Ceiling(a[0].AsDouble)),
        _ => NotNumeric("CEIL", a[0]),
    };

    public static SqlValue Floor(ReadOnlySpan<SqlValue> a, EvalContext _) => a[0].Kind switch
    {
        ValueKind.Null => SqlValue.Null,
        ValueKind.BigInt => a[0],
        ValueKind.Decimal => SqlValue.FromDecimal(decimal.Floor(a[0].AsDecimal)),
        ValueKind.Double => SqlValue.FromDouble(Math.Floor(a[0].AsDouble)),
        _ => NotNumeric("FLOOR", a[0]),
    };

    public static SqlValue Sqrt(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull) return SqlValue.Null;
        if (!a[0].IsNumeric) return NotNumeric("SQRT", a[0]);
        var d = a[0].ToDouble();
        return d < 0 ? SqlValue.Error("SQRT of a negative number") : SqlValue.FromDouble(Math.Sqrt(d));
    }

    public static SqlValue Power(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull || a[1].IsNull) return SqlValue.Null;
        if (!a[0].IsNumeric) return NotNumeric("POWER", a[0]);
        if (!a[1].IsNumeric) return NotNumeric("POWER", a[1]);
        return SqlValue.FromDouble(Math.Pow(a[0].ToDouble(), a[1].ToDouble()));
    }

    public static SqlValue Mod(ReadOnlySpan<SqlValue> a, EvalContext _) => SqlArithmetic.Modulo(a[0], a[1]);

    public static SqlValue Least(ReadOnlySpan<SqlValue> a, EvalContext _) => Pick(a, "LEAST", -1);

    public static SqlValue Greatest(ReadOnlySpan<SqlValue> a, EvalContext _) => Pick(a, "GREATEST", 1);

    // NULL arguments are ignored (as in PostgreSQL and DuckDB); NULL only when all are NULL.
    private static SqlValue Pick(ReadOnlySpan<SqlValue> a, string name, int sign)
    {
        var best = SqlValue.Null;
        foreach (var v in a)
        {
            if (v.IsNull) continue;
            if (best.IsNull)
            {
                best = v;
                continue;
            }
            if (!SqlComparison.TryCompare(v, best, out var c, out var error))
            {
                return SqlValue.Error($"{name}: {error.ErrorMessage}");
            }
            if (c * sign > 0) best = v;
        }
        return best;
    }

    private static SqlValue NotNumeric(string name, in SqlValue v) =>
        SqlValue.Error($"{name} needs a number, got {SqlArithmetic.Name(v.Kind)}");
}
