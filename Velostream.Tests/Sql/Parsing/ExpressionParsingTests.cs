using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Parsing;
using Velostream.Engine.Sql.Types;

namespace Velostream.Tests.Sql.Parsing;

public sealed class ExpressionParsingTests
{
    private static Expr Parse(string text)
    {
        var (expr, diagnostics) = SqlApplicationParser.ParseExpression(text);
        Assert.Empty(diagnostics);
        return expr!;
    }

    [Theory]
    [InlineData("1 + 2 * 3", "(1 + (2 * 3))")]
    [InlineData("(1 + 2) * 3", "((1 + 2) * 3)")]
    [InlineData("a - b - c", "((a - b) - c)")]
    [InlineData("a / b % c", "((a / b) % c)")]
    [InlineData("-a * b", "((-a) * b)")]
    [InlineData("a || b || 'x'", "((a || b) || 'x')")]
    [InlineData("a = 1 OR b = 2 AND c = 3", "((a = 1) OR ((b = 2) AND (c = 3)))")]
    [InlineData("NOT a = 1 AND b", "((NOT (a = 1)) AND b)")]
    [InlineData("a + 1 > b * 2", "((a + 1) > (b * 2))")]
    [InlineData("a <> b", "(a <> b)")]
    [InlineData("a != b", "(a <> b)")]
    [InlineData("a == b", "(a = b)")]
    [InlineData("a <= b AND c >= d", "((a <= b) AND (c >= d))")]
    public void Operators_bind_by_sql_precedence_and_associate_left(string text, string expected)
    {
        Assert.Equal(expected, Parse(text).ToString());
    }

    [Theory]
    [InlineData("x IS NULL", "(x IS NULL)")]
    [InlineData("x IS NOT NULL", "(x IS NOT NULL)")]
    [InlineData("x IN (1, 2, 3)", "(x IN (1, 2, 3))")]
    [InlineData("x NOT IN ('a', 'b')", "(x NOT IN ('a', 'b'))")]
    [InlineData("x BETWEEN 1 AND 10 AND y", "((x BETWEEN 1 AND 10) AND y)")]
    [InlineData("x NOT BETWEEN a - 1 AND a + 1", "(x NOT BETWEEN (a - 1) AND (a + 1))")]
    [InlineData("s LIKE 'AA%'", "(s LIKE 'AA%')")]
    [InlineData("s NOT LIKE '_B'", "(s NOT LIKE '_B')")]
    public void Sql_predicates_parse_with_their_negations(string text, string expected)
    {
        Assert.Equal(expected, Parse(text).ToString());
    }

    [Fact]
    public void Integer_literal_is_bigint()
    {
        Assert.Equal(42L, Assert.IsType<IntegerLiteral>(Parse("42")).Value);
    }

    [Fact]
    public void Number_with_fraction_is_an_exact_decimal_keeping_its_scale()
    {
        var literal = Assert.IsType<DecimalLiteral>(Parse("150.2500"));

        Assert.Equal(150.2500m, literal.Value);
        Assert.Equal("150.2500", literal.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1e3", 1000.0)]
    [InlineData("2.5E-2", 0.025)]
    public void Number_with_exponent_is_a_double(string text, double expected)
    {
        Assert.Equal(expected, Assert.IsType<DoubleLiteral>(Parse(text)).Value);
    }

    [Fact]
    public void Negative_number_is_folded_into_the_literal()
    {
        Assert.Equal(-0.5m, Assert.IsType<DecimalLiteral>(Parse("-0.5")).Value);
    }

    [Fact]
    public void String_literal_resolves_doubled_quotes()
    {
        Assert.Equal("it's", Assert.IsType<StringLiteral>(Parse("'it''s'")).Value);
    }

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    public void Boolean_literals_ignore_case(string text, bool expected)
    {
        Assert.Equal(expected, Assert.IsType<BooleanLiteral>(Parse(text)).Value);
    }

    [Fact]
    public void Null_literal()
    {
        Assert.IsType<NullLiteral>(Parse("NULL"));
    }

    [Theory]
    [InlineData("INTERVAL '5' MINUTE", 300_000)]
    [InlineData("INTERVAL '10' SECOND", 10_000)]
    [InlineData("INTERVAL '2' HOURS", 7_200_000)]
    [InlineData("INTERVAL '1' DAY", 86_400_000)]
    [InlineData("INTERVAL '250' MILLISECOND", 250)]
    [InlineData("INTERVAL 3 SECONDS", 3_000)]
    [InlineData("INTERVAL '5 minutes'", 300_000)]
    [InlineData("5s", 5_000)]
    [InlineData("1m", 60_000)]
    [InlineData("100ms", 100)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    public void Interval_literals_and_short_forms_are_durations(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Assert.IsType<IntervalLiteral>(Parse(text)).Value);
    }

    [Theory]
    [InlineData("90s", "INTERVAL '90' SECOND")]
    [InlineData("120s", "INTERVAL '2' MINUTE")]
    [InlineData("1500ms", "INTERVAL '1500' MILLISECOND")]
    [InlineData("INTERVAL '48' HOUR", "INTERVAL '2' DAY")]
    public void Intervals_print_in_their_largest_exact_unit(string text, string expected)
    {
        Assert.Equal(expected, Parse(text).ToString());
    }

    [Fact]
    public void Qualified_column_keeps_its_qualifier()
    {
        var column = Assert.IsType<ColumnRef>(Parse("a.price"));

        Assert.Equal(("a", "price"), (column.Qualifier, column.Name));
        Assert.False(column.IsSystem);
    }

    [Theory]
    [InlineData("_event_time")]
    [InlineData("_timestamp")]
    [InlineData("_offset")]
    [InlineData("_partition")]
    [InlineData("_topic")]
    [InlineData("_key")]
    [InlineData("_window_start")]
    [InlineData("_window_end")]
    public void System_columns_are_recognised(string name)
    {
        Assert.True(Assert.IsType<ColumnRef>(Parse(name)).IsSystem);
    }

    [Theory]
    [InlineData("\"Order Id\"", "Order Id")]
    [InlineData("`select`", "select")]
    [InlineData("timestamp", "timestamp")]
    public void Quoted_identifiers_and_non_reserved_words_are_columns(string text, string name)
    {
        Assert.Equal(name, Assert.IsType<ColumnRef>(Parse(text)).Name);
    }

    [Fact]
    public void Searched_case_has_conditions_and_else()
    {
        var expr = Assert.IsType<CaseExpr>(Parse("CASE WHEN p > 100 THEN 'high' WHEN p > 10 THEN 'mid' ELSE 'low' END"));

        Assert.Null(expr.Operand);
        Assert.Equal(2, expr.Whens.Count);
        Assert.Equal("CASE WHEN (p > 100) THEN 'high' WHEN (p > 10) THEN 'mid' ELSE 'low' END", expr.ToString());
    }

    [Fact]
    public void Simple_case_compares_an_operand()
    {
        var expr = Assert.IsType<CaseExpr>(Parse("CASE side WHEN 'B' THEN 1 WHEN 'S' THEN -1 END"));

        Assert.Equal("side", expr.Operand!.ToString());
        Assert.Null(expr.Else);
        Assert.Equal("CASE side WHEN 'B' THEN 1 WHEN 'S' THEN -1 END", expr.ToString());
    }

    [Theory]
    [InlineData("CAST(x AS BIGINT)", SqlTypeKind.BigInt, null, null)]
    [InlineData("CAST(x AS INT)", SqlTypeKind.BigInt, null, null)]
    [InlineData("CAST(x AS INTEGER)", SqlTypeKind.BigInt, null, null)]
    [InlineData("CAST(x AS DOUBLE)", SqlTypeKind.Double, null, null)]
    [InlineData("CAST(x AS FLOAT)", SqlTypeKind.Double, null, null)]
    [InlineData("CAST(x AS DECIMAL)", SqlTypeKind.Decimal, null, null)]
    [InlineData("CAST(x AS DECIMAL(18, 4))", SqlTypeKind.Decimal, 18, 4)]
    [InlineData("CAST(x AS VARCHAR)", SqlTypeKind.Varchar, null, null)]
    [InlineData("CAST(x AS VARCHAR(20))", SqlTypeKind.Varchar, null, null)]
    [InlineData("CAST(x AS STRING)", SqlTypeKind.Varchar, null, null)]
    [InlineData("CAST(x AS TEXT)", SqlTypeKind.Varchar, null, null)]
    [InlineData("CAST(x AS BOOLEAN)", SqlTypeKind.Boolean, null, null)]
    [InlineData("CAST(x AS TIMESTAMP)", SqlTypeKind.Timestamp, null, null)]
    [InlineData("CAST(x AS INTERVAL)", SqlTypeKind.Interval, null, null)]
    internal void Cast_names_its_target_type(string text, SqlTypeKind kind, int? precision, int? scale)
    {
        var cast = Assert.IsType<CastExpr>(Parse(text));

        Assert.Equal(new SqlType(kind, precision, scale), cast.TargetType);
    }

    [Fact]
    public void Count_star_and_count_distinct_are_flagged_on_the_call()
    {
        var star = Assert.IsType<FunctionCall>(Parse("count(*)"));
        var distinct = Assert.IsType<FunctionCall>(Parse("COUNT(DISTINCT symbol)"));

        Assert.Equal(("COUNT", true, false, 0), (star.Name, star.IsStar, star.Distinct, star.Arguments.Count));
        Assert.Equal(("COUNT", false, true, 1), (distinct.Name, distinct.IsStar, distinct.Distinct, distinct.Arguments.Count));
    }

    [Fact]
    public void Extract_becomes_a_call_with_the_field_name_first()
    {
        var call = Assert.IsType<FunctionCall>(Parse("EXTRACT(hour FROM _event_time)"));

        Assert.Equal("EXTRACT", call.Name);
        Assert.Equal("HOUR", Assert.IsType<StringLiteral>(call.Arguments[0]).Value);
        Assert.Equal("EXTRACT(HOUR FROM _event_time)", call.ToString());
    }

    [Fact]
    public void Row_function_over_a_rows_buffer_keeps_partition_and_order()
    {
        var call = Assert.IsType<FunctionCall>(Parse("LAG(price, 1) OVER (ROWS WINDOW BUFFER 100 ROWS PARTITION BY symbol ORDER BY _event_time DESC)"));

        var over = call.Over!;
        Assert.Equal(100L, over.BufferRows);
        Assert.Equal(["symbol"], over.PartitionBy.Select(p => p.ToString()));
        Assert.Equal([("_event_time", true)], over.OrderBy.Select(o => (o.Expression.ToString(), o.Descending)));
    }

    [Fact]
    public void Locations_cover_the_whole_expression()
    {
        var expr = Parse("  price *  2");

        Assert.Equal((1, 3, 2, 10), (expr.Location.Line, expr.Location.Column, expr.Location.Offset, expr.Location.Length));
    }
}
