
namespace Velostream.Engine.Execution.Values;

/// <summary>
/// Arithmetic with SQL semantics. NULL in gives NULL out; an error in gives the same error out.
/// Numeric promotion: BIGINT op BIGINT is BIGINT, except that BIGINT / BIGINT is a DOUBLE (50 / 100
/// = 0.5, as in Velostream and DuckDB; standard SQL would truncate), BIGINT op DECIMAL is DECIMAL
/// (exact), anything op DOUBLE is DOUBLE. DECIMAL division is
/// System.Decimal division: exact when the quotient fits 28 significant digits, otherwise rounded
/// to 28 (1.0 / 3 = 0.3333333333333333333333333333). Integers stay exact: BIGINT arithmetic whose
/// result leaves 64 bits continues as an exact DECIMAL (as SUM does, and as JSON integers beyond 64
/// bits are read), so 9223372036854775807 * 2 and 9223372036854775808 * 2 both give the exact
/// answer. Beyond DECIMAL's range, division or modulo by zero and non-numeric operands are error values.
/// </summary>
internal static class SqlArithmetic
{
    private enum Op { Add, Subtract, Multiply, Divide, Modulo }

    public static SqlValue Add(in SqlValue a, in SqlValue b)
    {
        if (a.Kind == ValueKind.BigInt && b.Kind == ValueKind.BigInt)
        {
            var r = a.AsLong + b.AsLong;
            // Overflow iff both operands have the same sign and the result's sign differs.
            return ((a.AsLong ^ r) & (b.AsLong ^ r)) < 0 ? Decimals(Op.Add, a.AsLong, b.AsLong) : SqlValue.FromLong(r);
        }
        return Slow(Op.Add, a, b);
    }

    public static SqlValue Subtract(in SqlValue a, in SqlValue b)
    {
        if (a.Kind == ValueKind.BigInt && b.Kind == ValueKind.BigInt)
        {
            var r = a.AsLong - b.AsLong;
            return ((a.AsLong ^ b.AsLong) & (a.AsLong ^ r)) < 0 ? Decimals(Op.Subtract, a.AsLong, b.AsLong) : SqlValue.FromLong(r);
        }
        return Slow(Op.Subtract, a, b);
    }

    public static SqlValue Multiply(in SqlValue a, in SqlValue b) => Slow(Op.Multiply, a, b);

    public static SqlValue Divide(in SqlValue a, in SqlValue b) => Slow(Op.Divide, a, b);

    public static SqlValue Modulo(in SqlValue a, in SqlValue b) => Slow(Op.Modulo, a, b);

    public static SqlValue Negate(in SqlValue a) => a.Kind switch
    {
        ValueKind.BigInt => a.AsLong == long.MinValue ? SqlValue.FromDecimal(-(decimal)a.AsLong) : SqlValue.FromLong(-a.AsLong),
        ValueKind.Double => SqlValue.FromDouble(-a.AsDouble),
        ValueKind.Decimal => SqlValue.FromDecimal(-a.AsDecimal),
        ValueKind.Interval => SqlValue.FromInterval(-a.AsLong),
        ValueKind.Null or ValueKind.Error => a,
        _ => SqlValue.Error($"cannot negate {Name(a.Kind)}"),
    };

    private static SqlValue Slow(Op op, in SqlValue a, in SqlValue b)
    {
        if (a.IsError) return a;
        if (b.IsError) return b;
        if (a.IsNull || b.IsNull) return SqlValue.Null;
        if (a.IsNumeric && b.IsNumeric)
        {
            if (a.Kind == ValueKind.Double || b.Kind == ValueKind.Double)
            {
                return Doubles(op, a.ToDouble(), b.ToDouble());
            }
            if (a.Kind == ValueKind.Decimal || b.Kind == ValueKind.Decimal)
            {
                return Decimals(op, a.ToDecimal(), b.ToDecimal());
            }
            return Longs(op, a.AsLong, b.AsLong);
        }
        return Temporal(op, a, b);
    }

    private static SqlValue Longs(Op op, long x, long y)
    {
        try
        {
            return op switch
            {
                Op.Add => SqlValue.FromLong(checked(x + y)),
                Op.Subtract => SqlValue.FromLong(checked(x - y)),
                Op.Multiply => SqlValue.FromLong(checked(x * y)),
                Op.Divide => y == 0 ? DivisionByZero() : Finite((double)x / y),
                _ => y == 0 ? DivisionByZero() : SqlValue.FromLong(y == -1 ? 0 : x % y),
            };
        }
        catch (OverflowException)
        {
            // Beyond 64 bits: the exact answer as a DECIMAL (or an error beyond DECIMAL's range).
            return Decimals(op, x, y);
        }
    }

    private static SqlValue Decimals(Op op, decimal x, decimal y)
    {
        try
        {
            return op switch
            {
                Op.Add => SqlValue.FromDecimal(x + y),
                Op.Subtract => SqlValue.FromDecimal(x - y),
                Op.Multiply => SqlValue.FromDecimal(x * y),
                Op.Divide => y == 0m ? DivisionByZero() : SqlValue.FromDecimal(x / y),
                _ => y == 0m ? DivisionByZero() : SqlValue.FromDecimal(x % y),
            };
        }
        catch (OverflowException)
        {
            return Overflow();
        }
    }

    private static SqlValue Doubles(Op op, double x, double y) => op switch
    {
        Op.Add => Finite(x + y),
        Op.Subtract => Finite(x - y),
        Op.Multiply => Finite(x * y),
        Op.Divide => y == 0 ? DivisionByZero() : Finite(x / y),
        _ => y == 0 ? DivisionByZero() : SqlValue.FromDouble(x % y),
    };

    /// <summary>A DOUBLE result, or an error where finite operands overflowed to infinity (never a silent NULL in the output).</summary>
    private static SqlValue Finite(double result) =>
        double.IsInfinity(result) ? SqlValue.Error("numeric overflow: beyond DOUBLE's range") : SqlValue.FromDouble(result);

    // TIMESTAMP ± INTERVAL, TIMESTAMP ± BIGINT (milliseconds), TIMESTAMP - TIMESTAMP (BIGINT
    // milliseconds, as Velostream computes on epoch-millisecond values), INTERVAL ± INTERVAL, INTERVAL * / number.
    private static SqlValue Temporal(Op op, in SqlValue a, in SqlValue b)
    {
        switch (op, a.Kind, b.Kind)
        {
            case (Op.Add, ValueKind.Timestamp, ValueKind.Interval):
                return SqlValue.FromTimestamp(a.AsLong + b.AsLong);
            case (Op.Add, ValueKind.Interval, ValueKind.Timestamp):
                return SqlValue.FromTimestamp(a.AsLong + b.AsLong);
            case (Op.Subtract, ValueKind.Timestamp, ValueKind.Interval):
                return SqlValue.FromTimestamp(a.AsLong - b.AsLong);
            case (Op.Subtract, ValueKind.Timestamp, ValueKind.Timestamp):
                return SqlValue.FromLong(a.AsLong - b.AsLong);
            case (Op.Add, ValueKind.Timestamp, ValueKind.BigInt):
                return SqlValue.FromTimestamp(a.AsLong + b.AsLong);
            case (Op.Subtract, ValueKind.Timestamp, ValueKind.BigInt):
                return SqlValue.FromTimestamp(a.AsLong - b.AsLong);
            case (Op.Subtract, ValueKind.BigInt, ValueKind.Timestamp):
                return SqlValue.FromLong(a.AsLong - b.AsLong);
            case (Op.Add, ValueKind.Interval, ValueKind.Interval):
                return SqlValue.FromInterval(a.AsLong + b.AsLong);
            case (Op.Subtract, ValueKind.Interval, ValueKind.Interval):
                return SqlValue.FromInterval(a.AsLong - b.AsLong);
            // Event times are often epoch-millisecond numbers: ts - INTERVAL '10' SECOND works on them too.
            case (Op.Add, ValueKind.BigInt, ValueKind.Interval):
                return SqlValue.FromLong(a.AsLong + b.AsLong);
            case (Op.Subtract, ValueKind.BigInt, ValueKind.Interval):
                return SqlValue.FromLong(a.AsLong - b.AsLong);
            case (Op.Multiply, ValueKind.Interval, ValueKind.BigInt):
                return SqlValue.FromInterval(a.AsLong * b.AsLong);
            case (Op.Multiply, ValueKind.BigInt, ValueKind.Interval):
                return SqlValue.FromInterval(a.AsLong * b.AsLong);
            case (Op.Divide, ValueKind.Interval, ValueKind.BigInt):
                return b.AsLong == 0 ? DivisionByZero() : SqlValue.FromInterval(a.AsLong / b.AsLong);
            // INTERVAL * / a fraction: the milliseconds scaled, rounded to a whole millisecond.
            case (Op.Multiply or Op.Divide, ValueKind.Interval, ValueKind.Decimal or ValueKind.Double):
            case (Op.Multiply, ValueKind.Decimal or ValueKind.Double, ValueKind.Interval):
                var scaled = Slow(op, SqlValue.FromLong(a.Kind == ValueKind.Interval ? a.AsLong : b.AsLong), a.Kind == ValueKind.Interval ? b : a);
                return scaled.IsError ? scaled : ToInterval(scaled);
        }
        // Scaling a timestamp (_timestamp / 1000 for epoch seconds) computes on its epoch milliseconds.
        if (op is Op.Multiply or Op.Divide or Op.Modulo
            && ((a.Kind == ValueKind.Timestamp && b.IsNumeric) || (a.IsNumeric && b.Kind == ValueKind.Timestamp)))
        {
            return Slow(op, Millis(a), Millis(b));
        }
        return SqlValue.Error($"cannot apply '{Symbol(op)}' to {Name(a.Kind)} and {Name(b.Kind)}");
    }

    private static SqlValue ToInterval(in SqlValue ms)
    {
        var value = ms.ToDouble();
        return Math.Abs(value) < 9.2e18 ? SqlValue.FromInterval((long)Math.Round(value, MidpointRounding.AwayFromZero)) : Overflow();
    }

    private static SqlValue Millis(in SqlValue v) => v.Kind == ValueKind.Timestamp ? SqlValue.FromLong(v.AsLong) : v;

    private static string Symbol(Op op) => op switch
    {
        Op.Add => "+",
        Op.Subtract => "-",
        Op.Multiply => "*",
        Op.Divide => "/",
        _ => "%",
    };

    public static string Name(ValueKind type) => type switch
    {
        ValueKind.BigInt => "BIGINT",
        ValueKind.Double => "DOUBLE",
        ValueKind.Decimal => "DECIMAL",
        ValueKind.Varchar => "VARCHAR",
        ValueKind.Boolean => "BOOLEAN",
        ValueKind.Timestamp => "TIMESTAMP",
        ValueKind.Interval => "INTERVAL",
        ValueKind.Null => "NULL",
        _ => "ERROR",
    };

    public static SqlValue DivisionByZero() => SqlValue.Error("division by zero");

    public static SqlValue Overflow() => SqlValue.Error(OverflowMessage);

    public const string OverflowMessage = "numeric overflow: beyond DECIMAL's range (±79228162514264337593543950335)";
}
