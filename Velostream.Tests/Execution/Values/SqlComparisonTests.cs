using Velostream.Engine.Execution.Values;

namespace Velostream.Tests.Execution.Values;

public sealed class SqlComparisonTests
{
    [Fact]
    public void Numbers_compare_across_bigint_decimal_and_double()
    {
        Assert.True(SqlComparison.Equal(SqlValue.FromLong(5), SqlValue.FromDecimal(5.00m)).AsBool);
        Assert.True(SqlComparison.Less(SqlValue.FromDecimal(4.99m), SqlValue.FromLong(5)).AsBool);
        Assert.True(SqlComparison.Greater(SqlValue.FromDouble(5.5), SqlValue.FromDecimal(5.4m)).AsBool);
    }

    [Fact]
    public void Comparing_with_null_is_unknown()
    {
        Assert.True(SqlComparison.Equal(SqlValue.Null, SqlValue.Null).IsNull);
        Assert.True(SqlComparison.Less(SqlValue.FromLong(1), SqlValue.Null).IsNull);
    }

    [Fact]
    public void Strings_compare_by_code_point()
    {
        Assert.True(SqlComparison.Less(SqlValue.FromString("AAPL"), SqlValue.FromString("MSFT")).AsBool);
        Assert.True(SqlComparison.Equal(SqlValue.FromString("é"), SqlValue.FromString("é")).AsBool);
        Assert.True(SqlComparison.Greater(SqlValue.FromString("é"), SqlValue.FromString("z")).AsBool);
    }

    [Fact]
    public void Timestamp_compares_with_an_iso_string()
    {
        var ts = SqlValue.FromTimestamp(DateTimeOffset.Parse("2026-01-05T09:30:00Z").ToUnixTimeMilliseconds());
        Assert.True(SqlComparison.Equal(ts, SqlValue.FromString("2026-01-05T09:30:00.000Z")).AsBool);
        Assert.True(SqlComparison.Less(ts, SqlValue.FromString("2026-01-05T09:30:01Z")).AsBool);
    }

    [Fact]
    public void Comparing_a_string_with_a_number_is_a_type_error()
    {
        Assert.Equal("cannot compare VARCHAR with BIGINT",
            SqlComparison.Greater(SqlValue.FromString("x"), SqlValue.FromLong(1)).ErrorMessage);
    }

    [Fact]
    public void Three_valued_logic_follows_the_sql_truth_tables()
    {
        var t = SqlValue.True;
        var f = SqlValue.False;
        var n = SqlValue.Null;
        Assert.Equal(f.AsBool, SqlLogic.And(n, f).AsBool);
        Assert.False(SqlLogic.And(n, f).IsNull);
        Assert.True(SqlLogic.And(n, t).IsNull);
        Assert.True(SqlLogic.Or(n, t).AsBool);
        Assert.True(SqlLogic.Or(n, f).IsNull);
        Assert.True(SqlLogic.Not(n).IsNull);
        Assert.False(SqlLogic.IsTrue(n));
    }
}
