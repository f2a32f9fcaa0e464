using Velostream.Engine.Execution.Values;

namespace Velostream.Tests.Execution.Values;

public sealed class SqlArithmeticTests
{
    private static SqlValue L(long v) => SqlValue.FromLong(v);
    private static SqlValue M(decimal v) => SqlValue.FromDecimal(v);
    private static SqlValue D(double v) => SqlValue.FromDouble(v);

    [Fact]
    public void Summing_ten_tenths_as_decimal_is_exactly_one_point_zero()
    {
        var sum = M(0m);
        for (var i = 0; i < 10; i++)
        {
            sum = SqlArithmetic.Add(sum, M(0.1m));
        }
        Assert.Equal(ValueKind.Decimal, sum.Kind);
        Assert.Equal("1.0", sum.ToString());
    }

    [Fact]
    public void Bigint_plus_decimal_is_an_exact_decimal_keeping_scale()
    {
        var r = SqlArithmetic.Add(L(2), M(1.50m));
        Assert.Equal(ValueKind.Decimal, r.Kind);
        Assert.Equal("3.50", r.ToString());
    }

    [Fact]
    public void Anything_with_double_is_double()
    {
        Assert.Equal(ValueKind.Double, SqlArithmetic.Multiply(M(1.5m), D(2)).Kind);
        Assert.Equal(3.0, SqlArithmetic.Multiply(M(1.5m), D(2)).AsDouble);
        Assert.Equal(ValueKind.Double, SqlArithmetic.Add(L(1), D(0.5)).Kind);
    }

    [Fact]
    public void Bigint_division_is_fractional_and_decimal_division_is_exact_to_28_digits()
    {
        // As in Velostream and DuckDB (not standard SQL's truncation): 50 / 100 is 0.5, a DOUBLE.
        Assert.Equal(ValueKind.Double, SqlArithmetic.Divide(L(50), L(100)).Kind);
        Assert.Equal(0.5, SqlArithmetic.Divide(L(50), L(100)).AsDouble);
        Assert.Equal(-3.5, SqlArithmetic.Divide(L(-7), L(2)).AsDouble);
        Assert.Equal(9.223372036854776E18, SqlArithmetic.Divide(L(long.MinValue), L(-1)).AsDouble);
        Assert.Equal("3.5", SqlArithmetic.Divide(M(7.0m), L(2)).ToString());
        Assert.Equal("0.3333333333333333333333333333", SqlArithmetic.Divide(M(1.0m), L(3)).ToString());
    }

    [Fact]
    public void Division_and_modulo_by_zero_are_error_values()
    {
        Assert.Equal("division by zero", SqlArithmetic.Divide(L(1), L(0)).ErrorMessage);
        Assert.Equal("division by zero", SqlArithmetic.Divide(M(1m), M(0m)).ErrorMessage);
        Assert.Equal("division by zero", SqlArithmetic.Modulo(L(1), L(0)).ErrorMessage);
        Assert.Equal("division by zero", SqlArithmetic.Divide(D(1), D(0)).ErrorMessage);
    }

    [Fact]
    public void Bigint_arithmetic_beyond_64_bits_continues_as_an_exact_decimal()
    {
        var sum = SqlArithmetic.Add(L(long.MaxValue), L(1));
        var product = SqlArithmetic.Multiply(L(long.MaxValue), L(2));
        var wide = SqlArithmetic.Multiply(M(9223372036854775808m), L(2));
        Assert.Equal((ValueKind.Decimal, 9223372036854775808m), (sum.Kind, sum.AsDecimal));
        Assert.Equal((ValueKind.Decimal, 18446744073709551614m), (product.Kind, product.AsDecimal));
        Assert.Equal((ValueKind.Decimal, 18446744073709551616m), (wide.Kind, wide.AsDecimal));
        var negated = SqlArithmetic.Negate(L(long.MinValue));
        Assert.Equal((ValueKind.Decimal, 9223372036854775808m), (negated.Kind, negated.AsDecimal));
    }

    [Fact]
    public void Beyond_decimal_and_double_range_is_an_overflow_error_whichever_way_it_is_reached()
    {
        Assert.Equal(SqlArithmetic.OverflowMessage, SqlArithmetic.Multiply(M(decimal.MaxValue), L(2)).ErrorMessage);
        Assert.Equal(SqlArithmetic.OverflowMessage, SqlArithmetic.Multiply(L(long.MaxValue), M(decimal.MaxValue / 2)).ErrorMessage);
        Assert.Equal("numeric overflow: beyond DOUBLE's range", SqlArithmetic.Multiply(D(1e308), D(10)).ErrorMessage);
    }

    [Fact]
    public void Null_operand_gives_null_and_errors_propagate()
    {
        Assert.True(SqlArithmetic.Add(L(1), SqlValue.Null).IsNull);
        Assert.True(SqlArithmetic.Subtract(SqlValue.Null, M(1m)).IsNull);
        var error = SqlArithmetic.Divide(L(1), L(0));
        Assert.Equal("division by zero", SqlArithmetic.Add(error, SqlValue.Null).ErrorMessage);
    }

    [Fact]
    public void A_string_where_a_number_is_needed_is_a_type_error()
    {
        var r = SqlArithmetic.Add(SqlValue.FromString("abc"), L(1));
        Assert.Equal("cannot apply '+' to VARCHAR and BIGINT", r.ErrorMessage);
    }

    [Fact]
    public void Timestamp_interval_and_epoch_millisecond_arithmetic()
    {
        var ts = SqlValue.FromTimestamp(1_000);
        Assert.Equal(ValueKind.Timestamp, SqlArithmetic.Add(ts, SqlValue.FromInterval(500)).Kind);
        Assert.Equal(1_500, SqlArithmetic.Add(ts, SqlValue.FromInterval(500)).AsLong);
        Assert.Equal(500, SqlArithmetic.Subtract(ts, SqlValue.FromInterval(500)).AsLong);
        // Velostream's timestamps are epoch milliseconds: a difference is a BIGINT of milliseconds,
        // so (NOW() - _event_time) / 1000.0 is seconds.
        var diff = SqlArithmetic.Subtract(ts, SqlValue.FromTimestamp(400));
        Assert.Equal(ValueKind.BigInt, diff.Kind);
        Assert.Equal(600, diff.AsLong);
        Assert.Equal(0.6m, SqlArithmetic.Divide(diff, M(1000.0m)).AsDecimal);
        Assert.Equal(ValueKind.Timestamp, SqlArithmetic.Add(ts, L(250)).Kind);
        Assert.Equal(750, SqlArithmetic.Subtract(ts, L(250)).AsLong);
        // Scaling a timestamp computes on its milliseconds: _timestamp / 1000 is epoch seconds.
        Assert.Equal(1.0, SqlArithmetic.Divide(ts, L(1000)).AsDouble);
        Assert.Equal(0L, SqlArithmetic.Modulo(ts, L(1000)).AsLong);
        // An interval scaled by a fraction stays an interval, to the nearest millisecond.
        Assert.Equal(ValueKind.Interval, SqlArithmetic.Divide(SqlValue.FromInterval(5_000), M(3.0m)).Kind);
        Assert.Equal(1_667, SqlArithmetic.Divide(SqlValue.FromInterval(5_000), M(3.0m)).AsLong);
        Assert.Equal(7_500, SqlArithmetic.Multiply(D(1.5), SqlValue.FromInterval(5_000)).AsLong);
    }
}
