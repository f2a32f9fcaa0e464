using Velostream.Engine.Sql;

namespace Velostream.Tests.Sql.Validation;

/// <summary>
/// Velostream's functions and operators validate, and what can be known wrong before the first
/// record (a unit, a format, a pattern, a constant argument, a type) is a located error.
/// </summary>
public sealed class DialectFunctionValidationTests
{
    private const string With = " WITH ('t.type' = 'kafka_source')";

    private static IEnumerable<string> Errors(string query) =>
        SqlFrontEnd.Check(query + With, "app.sql").Diagnostics.Select(d => $"{d.Location.Line}:{d.Location.Column}: {d.Message}");

    [Theory]
    [InlineData("SELECT DATE_FORMAT(_event_time, '%Y-%m-%d %H:%M:%S') AS d, UNIX_TIMESTAMP(), UNIX_TIMESTAMP(ts), FROM_UNIXTIME(secs), TIMESTAMP(ts), TIMESTAMP() FROM t")]
    [InlineData("SELECT YEAR(ts), MONTH(ts), DAY(ts), HOUR(ts), MINUTE(ts), SECOND(ts), EXTRACT('DOW', ts), EXTRACT('dow', ts), EXTRACT(DOW FROM ts) FROM t")]
    [InlineData("SELECT DATE_TRUNC('day', timestamp), DATEDIFF('hours', opened, closed), DATEDIFF('DAY', opened, CURRENT_TIMESTAMP) FROM t")]
    [InlineData("SELECT POSITION('@' IN email), POSITION('@', email, 2), LPAD(a, 5, '0'), RPAD(a, 5), LTRIM(a), RTRIM(a), LEFT(a, 2), RIGHT(a, 2) FROM t WHERE a ~ '^[A-Z]+$' AND b !~ 'x'")]
    [InlineData("SELECT REGEXP_REPLACE(a, '([0-9]+)', '<$1>', 'gi'), JSON_VALUE(p, '$.a.b'), JSON_EXISTS(p, '$.a'), JSON_QUERY(p, '$.items') FROM t")]
    [InlineData("SELECT HEADER('source'), HAS_HEADER('trace'), HEADER_KEYS(), SET_HEADER('region', region) FROM t")]
    [InlineData("SELECT g, LISTAGG(a), LISTAGG(a, ';'), STRING_AGG(a, ', '), PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY v), PERCENTILE_CONT(v, 0.5), CORR(x, y) FROM t GROUP BY g")]
    [InlineData("SELECT COALESCE((NOW() - m._event_time) / 1000.0, 0.0) AS lag_s, NOW() - _event_time > INTERVAL '5' SECOND AS stale FROM t m")]
    [InlineData("SELECT g, LISTAGG(DISTINCT location, ', '), DATEDIFF('days', MAX(opened), CURRENT_DATE) FROM t GROUP BY g")]
    [InlineData("SELECT FROM_UNIXTIME(_timestamp / 1000), CURRENT_DATE, UNIX_TIMESTAMP(HEADER('x-processed-timestamp')) FROM t")]
    [InlineData("SELECT 50 / 100 + 0.5, CURRENT_TIMESTAMP - INTERVAL '1' HOUR, CURRENT_TIMESTAMP - 1000 FROM t")]
    public void Accepted(string query) => Assert.Empty(Errors(query));

    [Theory]
    [InlineData("SELECT DATE_TRUNC('fortnight', ts) FROM t", "1:19: unknown DATE_TRUNC unit 'fortnight' (expected one of year, quarter, month, week, day, hour, minute, second, millisecond, singular or plural)")]
    [InlineData("SELECT DATEDIFF('decades', a, b) FROM t", "1:17: unknown DATEDIFF unit 'decades' (expected one of year, quarter, month, week, day, hour, minute, second, millisecond, singular or plural)")]
    [InlineData("SELECT DATE_FORMAT(ts, '%Y-%q') FROM t", "1:24: DATE_FORMAT: unknown specifier %q")]
    [InlineData("SELECT a FROM t WHERE a ~ '[unclosed'", "1:27: invalid regular expression '[unclosed' (back-references and look-around are not supported)")]
    [InlineData("SELECT REGEXP_REPLACE(a, '(x)\\1', 'y') FROM t", "1:26: invalid regular expression '(x)\\1' (back-references and look-around are not supported)")]
    [InlineData("SELECT REGEXP_REPLACE(a, 'x', 'y', 'gz') FROM t", "1:36: REGEXP_REPLACE: unknown flag in 'gz' (expected g and/or i)")]
    [InlineData("SELECT g, LISTAGG(a, sep) FROM t GROUP BY g", "1:22: the LISTAGG delimiter must be a string literal")]
    [InlineData("SELECT g, PERCENTILE_CONT(1.5) WITHIN GROUP (ORDER BY v) FROM t GROUP BY g", "1:27: the PERCENTILE_CONT fraction must be between 0 and 1, found 1.5")]
    [InlineData("SELECT g, PERCENTILE_CONT(v, w) FROM t GROUP BY g", "1:30: the PERCENTILE_CONT fraction must be a numeric literal between 0 and 1")]
    [InlineData("SELECT g, CORR(a, 'x') FROM t GROUP BY g", "1:19: CORR requires a numeric argument, found VARCHAR")]
    [InlineData("SELECT g, SET_HEADER('n', g) FROM t GROUP BY g", "1:11: SET_HEADER is only supported in queries without aggregation (an aggregated row has no single input record)")]
    [InlineData("SELECT LPAD(a, 'five') FROM t", "1:16: LPAD requires a numeric argument, found VARCHAR")]
    [InlineData("SELECT POSITION(1 IN a) FROM t", "1:17: POSITION requires a VARCHAR argument, found BIGINT")]
    [InlineData("SELECT a FROM t WHERE HOUR(ts) = 'noon'", "1:23: cannot compare BIGINT with VARCHAR")]
    [InlineData("SELECT CURRENT_TIMESTAMP - 'x' FROM t", "1:8: operator - cannot be applied to TIMESTAMP and VARCHAR")]
    [InlineData("SELECT g, SUM(DISTINCT v) FROM t GROUP BY g", "1:11: DISTINCT is only supported in COUNT, LISTAGG and STRING_AGG, not in SUM")]
    [InlineData("SELECT JSON_EXISTS(p, '$.a') + 1 FROM t", "1:8: operator + cannot be applied to BOOLEAN and BIGINT")]
    public void Static_mistakes_are_located_errors(string query, string expected) => Assert.Equal([expected], Errors(query));

    [Fact]
    public void Current_timestamp_is_a_function_and_a_quoted_name_is_a_column()
    {
        var result = SqlFrontEnd.Check("SELECT CURRENT_TIMESTAMP AS now, \"CURRENT_TIMESTAMP\" AS col FROM t" + With, "app.sql");
        Assert.Empty(result.Diagnostics);
        var select = result.Application.Statements[0].Query.Items.OfType<Velostream.Engine.Sql.Ast.ExpressionItem>().ToList();
        Assert.IsType<Velostream.Engine.Sql.Ast.FunctionCall>(select[0].Expression);
        Assert.IsType<Velostream.Engine.Sql.Ast.ColumnRef>(select[1].Expression);
    }
}
