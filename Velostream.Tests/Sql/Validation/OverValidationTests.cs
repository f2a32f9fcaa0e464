using Velostream.Engine.Sql;

namespace Velostream.Tests.Sql.Validation;

/// <summary>
/// Functions over rows, frames, windows written in GROUP BY and joins bounded by WITHIN: what is
/// accepted, and the located error for what is not.
/// </summary>
public sealed class OverValidationTests
{
    private const string With = " WITH ('t.type' = 'kafka_source', 'u.type' = 'kafka_source')";

    public static TheoryData<string> Accepted => new()
    {
        "SELECT RANK() OVER (ROWS WINDOW BUFFER 50 ROWS PARTITION BY s ORDER BY p DESC) AS r FROM t",
        "SELECT ROW_NUMBER() OVER (PARTITION BY s ORDER BY _event_time) AS n, PERCENT_RANK() OVER (ORDER BY p) AS pr FROM t",
        "SELECT AVG(p) OVER (PARTITION BY s ORDER BY _event_time ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS a FROM t",
        "SELECT SUM(p) OVER (ORDER BY _event_time ROWS UNBOUNDED PRECEDING) AS a FROM t",
        "SELECT SUM(p) OVER (ORDER BY _event_time RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS a FROM t",
        "SELECT MIN(p) OVER (ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) AS a FROM t",
        "SELECT SUM(p) OVER (PARTITION BY s ORDER BY _event_time RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW) AS a FROM t",
        "SELECT AVG(p) OVER (ORDER BY p DESC RANGE BETWEEN 2.5 PRECEDING AND 0.5 PRECEDING) AS a FROM t",
        "SELECT COUNT(*) OVER (ORDER BY _event_time RANGE 30s PRECEDING) AS a FROM t",
        "SELECT s, COUNT(*) AS n, AVG(v) OVER (ROWS WINDOW BUFFER 20 ROWS PARTITION BY s ORDER BY _event_time) AS r FROM t GROUP BY s WINDOW TUMBLING(1m)",
        "SELECT s, COUNT(*) AS n FROM t GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), s",
        "SELECT s, COUNT(*) AS n, _window_start AS ws FROM t GROUP BY s, SESSION(ts, 30s)",
        "SELECT t.a, u.b FROM t JOIN u ON t.k = u.k WITHIN INTERVAL '5' MINUTES",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Accepted_forms_validate(string sql)
    {
        var result = SqlFrontEnd.Check(sql + With, "app.sql");
        Assert.Empty(result.Diagnostics);
    }

    public static TheoryData<string, string[]> Rejected => new()
    {
        { "SELECT RANK() AS r FROM t", ["1:8: RANK needs OVER (…), e.g. RANK(…) OVER (PARTITION BY symbol ORDER BY _event_time)"] },
        { "SELECT RANK(p) OVER (ORDER BY p) FROM t", ["1:8: RANK takes 0 arguments, found 1"] },
        { "SELECT SUM(p) OVER (ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t", ["1:50: a frame on a stream must end at the current row or before it (FOLLOWING rows have not arrived yet)"] },
        { "SELECT SUM(p) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM t", ["1:50: a frame on a stream must end at the current row or before it (FOLLOWING rows have not arrived yet)"] },
        { "SELECT SUM(p) OVER (ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND 5 PRECEDING) FROM t", ["1:47: a RANGE frame with an offset must start at an offset (RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND …): from UNBOUNDED PRECEDING it would keep every row"] },
        { "SELECT SUM(p) OVER (ORDER BY ts RANGE BETWEEN 5 PRECEDING AND 1 FOLLOWING) FROM t", ["1:63: a frame on a stream must end at the current row or before it (FOLLOWING rows have not arrived yet)"] },
        { "SELECT SUM(p) OVER (ORDER BY ts RANGE BETWEEN p PRECEDING AND CURRENT ROW) FROM t", ["1:47: a RANGE frame offset must be a number or INTERVAL literal of 0 or more, found p"] },
        { "SELECT SUM(p) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND 5 PRECEDING) FROM t", ["1:81: both offsets of a RANGE frame must be INTERVALs, or both numbers"] },
        { "SELECT SUM(p) OVER (PARTITION BY s RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) FROM t", ["1:36: a RANGE frame with an offset needs exactly one ORDER BY expression, the value the offset is measured on (found 0)"] },
        { "SELECT SUM(p) OVER (ORDER BY ts, p RANGE 5 PRECEDING) FROM t", ["1:36: a RANGE frame with an offset needs exactly one ORDER BY expression, the value the offset is measured on (found 2)"] },
        { "SELECT SUM(p) OVER (ROWS WINDOW BUFFER 10 ROWS ORDER BY ts RANGE 5 PRECEDING) FROM t", ["1:60: a RANGE frame with an offset keeps the rows within its offset: ROWS WINDOW BUFFER does not apply (remove one of them)"] },
        { "SELECT SUM(p) OVER (ORDER BY ts RANGE BETWEEN 1.5 PRECEDING AND 2 PRECEDING) FROM t", ["1:33: a frame must start at or before its end"] },
        { "SELECT SUM(p) OVER (ORDER BY UPPER(s) RANGE 5 PRECEDING) FROM t", ["1:30: a RANGE frame with an offset measures a number or a timestamp; ORDER BY UPPER(s) is not one"] },
        { "SELECT SUM(p) OVER (ROWS BETWEEN 1 PRECEDING AND 3 PRECEDING) FROM t", ["1:21: a frame must start at or before its end"] },
        { "SELECT SUM(p) OVER (ROWS BETWEEN p PRECEDING AND CURRENT ROW) FROM t", ["1:34: a frame offset must be an integer literal from 0 to 1000000, found p"] },
        { "SELECT LAG(p) OVER (ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t", ["1:21: a frame (ROWS BETWEEN …) applies to aggregates over rows, not to LAG"] },
        { "SELECT s, SUM(COUNT(*)) OVER (PARTITION BY s) FROM t GROUP BY s", ["1:15: aggregate function COUNT cannot be the argument of SUM OVER (…): functions over rows read each input row"] },
        { "SELECT a FROM t WHERE RANK() OVER (ORDER BY a) < 3", ["1:23: RANK OVER (…) is only allowed in the SELECT list, not in WHERE"] },
        { "SELECT COUNT(*) FROM t GROUP BY TUMBLE(ts)", ["1:33: GROUP BY TUMBLE takes (time_column, size), found 1 argument"] },
        { "SELECT COUNT(*) FROM t GROUP BY TUMBLE(ts, 1m) WINDOW TUMBLING(1m)", ["1:33: a query has one window: GROUP BY TUMBLE(…) and a WINDOW clause (or a second window) cannot be combined"] },
        { "SELECT t.a FROM t JOIN u ON t.k = u.k WITHIN 'soon'", ["1:46: invalid duration 'soon' (use a number and a unit: ms, s, m, h, d)"] },
        { "SELECT t.a FROM t JOIN u ON t.k = u.k AND u.ts BETWEEN t.ts AND t.ts + 1m WITHIN 1m", ["1:75: a join has one time bound: a BETWEEN in ON and WITHIN cannot be combined"] },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejected_forms_get_located_errors(string sql, string[] expected)
    {
        var result = SqlFrontEnd.Check(sql + With, "app.sql");
        Assert.Equal(expected, result.Diagnostics.Select(d => $"{d.Location.Line}:{d.Location.Column}: {d.Message}"));
    }
}
