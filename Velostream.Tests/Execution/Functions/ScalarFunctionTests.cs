using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Functions;

public sealed class ScalarFunctionTests
{
    private const string Row = """{"s":"  Hello, World  ","n":-5,"d":2.345,"x":2.5e0,"z":0,"ts":"2026-01-05T09:30:15.250Z","pair":"EUR/USD","e":"é","nul":null}""";

    /// <summary>The JSON text of <paramref name="expression"/> evaluated over <see cref="Row"/>.</summary>
    private static string Eval(string expression)
    {
        var line = Assert.Single(InProcess.Run($"SELECT {expression} AS v FROM t {InProcess.Sources("t")}", "t", Row));
        return line["{\"v\":".Length..^1];
    }

    [Theory]
    [InlineData("ABS(n)", "5")]
    [InlineData("ABS(-1.50)", "1.50")]
    [InlineData("ROUND(d, 2)", "2.35")]
    [InlineData("ROUND(d)", "2")]
    [InlineData("ROUND(2.5)", "3")]
    [InlineData("ROUND(-2.5)", "-3")]
    [InlineData("ROUND(x)", "3")]
    [InlineData("ROUND(1234, -2)", "1200")]
    [InlineData("CEIL(d)", "3")]
    [InlineData("FLOOR(d)", "2")]
    [InlineData("FLOOR(-2.5)", "-3")]
    [InlineData("SQRT(16)", "4")]
    [InlineData("POWER(2, 10)", "1024")]
    [InlineData("MOD(17, 5)", "2")]
    [InlineData("MOD(d, 1)", "0.345")]
    [InlineData("LEAST(3, 1.5, 2)", "1.5")]
    [InlineData("GREATEST(3, nul, 2)", "3")]
    [InlineData("GREATEST(nul, nul)", "null")]
    public void Numeric_functions(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("UPPER(pair)", "\"EUR/USD\"")]
    [InlineData("LOWER(pair)", "\"eur/usd\"")]
    [InlineData("UPPER(e)", "\"É\"")]
    [InlineData("SUBSTRING(pair, 5)", "\"USD\"")]
    [InlineData("SUBSTRING(pair, 1, 3)", "\"EUR\"")]
    [InlineData("SUBSTRING(pair, 0, 2)", "\"E\"")]
    [InlineData("REPLACE(pair, '/', '-')", "\"EUR-USD\"")]
    [InlineData("TRIM(s)", "\"Hello, World\"")]
    [InlineData("LENGTH(s)", "16")]
    [InlineData("LENGTH(e)", "1")]
    [InlineData("CONCAT(pair, ':', n, nul)", "\"EUR/USD:-5\"")]
    [InlineData("pair || '!'", "\"EUR/USD!\"")]
    [InlineData("pair || nul", "null")]
    [InlineData("SPLIT_PART(pair, '/', 2)", "\"USD\"")]
    [InlineData("SPLIT_PART(pair, '/', 3)", "\"\"")]
    public void String_functions(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("COALESCE(nul, n, 1)", "-5")]
    [InlineData("COALESCE(nul, nul)", "null")]
    [InlineData("NULLIF(n, -5)", "null")]
    [InlineData("NULLIF(n, 5)", "-5")]
    [InlineData("CASE WHEN n < 0 THEN 'neg' END", "\"neg\"")]
    [InlineData("CASE WHEN n > 0 THEN 'pos' END", "null")]
    public void Conditional_functions(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("EXTRACT(YEAR FROM ts)", "2026")]
    [InlineData("EXTRACT(MONTH FROM ts)", "1")]
    [InlineData("EXTRACT(DAY FROM ts)", "5")]
    [InlineData("EXTRACT(HOUR FROM ts)", "9")]
    [InlineData("EXTRACT(MINUTE FROM ts)", "30")]
    [InlineData("EXTRACT(SECOND FROM ts)", "15")]
    [InlineData("EXTRACT(MILLISECOND FROM ts)", "250")]
    [InlineData("EXTRACT(DOW FROM ts)", "1")]
    [InlineData("EXTRACT(DOY FROM ts)", "5")]
    [InlineData("EXTRACT(WEEK FROM ts)", "2")]
    [InlineData("EXTRACT(QUARTER FROM ts)", "1")]
    [InlineData("EXTRACT(EPOCH FROM ts)", "1767605415")]
    [InlineData("CAST(ts AS TIMESTAMP) + INTERVAL '5' SECOND", "\"2026-01-05T09:30:20.250Z\"")]
    public void Time_functions(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Now_is_the_processing_time()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var now = DateTimeOffset.Parse(Eval("NOW()").Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(now, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Theory]
    [InlineData("CAST(d AS BIGINT)", "2")]
    [InlineData("CAST(2.5 AS BIGINT)", "3")]
    [InlineData("CAST(n AS DOUBLE)", "-5")]
    [InlineData("CAST(d AS DECIMAL(10,1))", "2.3")]
    [InlineData("CAST(1.5 AS DECIMAL(10,2))", "1.50")]
    [InlineData("CAST('12.50' AS DECIMAL)", "12.50")]
    [InlineData("CAST(n AS VARCHAR)", "\"-5\"")]
    [InlineData("CAST('true' AS BOOLEAN)", "true")]
    [InlineData("CAST(0 AS TIMESTAMP)", "\"1970-01-01T00:00:00.000Z\"")]
    public void Cast_converts_between_types(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Every_function_in_the_catalog_is_implemented()
    {
        var missing = Velostream.Engine.Sql.Functions.FunctionCatalog.All
            .Where(f => f.Kind switch
            {
                Velostream.Engine.Sql.Functions.FunctionKind.Aggregate => !Velostream.Engine.Execution.Operators.Aggregates.States.AggregateFunctions.IsAggregate(f.Name),
                Velostream.Engine.Sql.Functions.FunctionKind.Scalar =>
                    Velostream.Engine.Execution.Functions.ScalarFunctions.Find(f.Name) is null
                    && !Velostream.Engine.Execution.Functions.ScalarFunctions.Special.Contains(f.Name),
                _ => !Velostream.Engine.Execution.Operators.RowFunctions.RowFunctionKinds.IsRowFunction(f.Name),
            })
            .Select(f => f.Name)
            .ToList();
        Assert.Empty(missing);
    }
}
