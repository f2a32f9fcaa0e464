using Velostream.Engine.Sql;

namespace Velostream.Tests.Sql;

/// <summary>
/// Every malformed input gets exactly the listed errors, each as "line:column: message".
/// <c>{W}</c> stands for a WITH clause declaring sources <c>t</c> and <c>u</c> as Kafka sources,
/// so that only the error under test is reported.
/// </summary>
public sealed class MalformedInputTests
{
    private const string With = " WITH ('t.type' = 'kafka_source', 'u.type' = 'kafka_source')";

    public static TheoryData<string, string[]> Cases => new()
    {
        // Lexical
        { "SELECT a FROM t WHERE b = 'abc", ["1:27: unterminated string literal"] },
        { "SELECT a # b FROM t{W}", ["1:10: unexpected character '#'"] },
        { "SELECT 12abc FROM t{W}", ["1:8: invalid number '12abc'"] },
        { "SELECT \"a FROM t", ["1:8: unterminated quoted identifier"] },
        { "SELECT a FROM t{W} /* open", ["1:77: unterminated block comment"] },

        // Syntax
        { "", ["1:1: expected CREATE STREAM, CREATE TABLE or SELECT, found end of input"] },
        { "-- @app: empty\n;\n", ["3:1: expected CREATE STREAM, CREATE TABLE or SELECT, found end of input"] },
        { "SELECT FROM t", ["1:8: expected expression, found 'FROM'"] },
        { "SELECT a t", ["1:8: column 'a' has no source: a SELECT without FROM computes constants only"] },
        { "SELECT a, FROM t", ["1:11: expected expression, found 'FROM'"] },
        { "SELECT a FROM", ["1:14: expected source name, found end of input"] },
        { "SELECT a FROM t WHERE", ["1:22: expected expression, found end of input"] },
        { "SELECT a FROM t WHERE a = = 1", ["1:27: expected expression, found '='"] },
        { "SELECT (a + 1 FROM t", ["1:15: expected ')', found 'FROM'"] },
        { "SELECT a FROM t GROUP a", ["1:23: expected BY, found 'a'"] },
        { "SELECT a FROM t ORDER a", ["1:23: expected BY, found 'a'"] },
        { "SELECT a FROM t WHERE a IN 1", ["1:28: expected '(', found '1'"] },
        { "SELECT a FROM t WHERE a BETWEEN 1 OR 2", ["1:35: expected AND, found 'OR'"] },
        { "SELECT a FROM t WHERE a IS 1", ["1:28: expected NULL, found '1'"] },
        { "SELECT CASE WHEN a THEN 1 FROM t", ["1:27: expected END, found 'FROM'"] },
        { "SELECT CASE a END FROM t", ["1:15: expected WHEN, found 'END'"] },
        { "SELECT CAST(a AS blob) FROM t", ["1:18: expected a type (BIGINT, DOUBLE, DECIMAL, VARCHAR, BOOLEAN, TIMESTAMP or INTERVAL), found 'blob'"] },
        { "SELECT CAST(a blob) FROM t", ["1:15: expected AS, found 'blob'"] },
        { "SELECT EXTRACT(HOUR _event_time) FROM t", ["1:21: expected FROM, found '_event_time'"] },
        { "SELECT INTERVAL 'x' MINUTE FROM t", ["1:17: invalid interval value 'x'"] },
        { "SELECT INTERVAL '5' WEEKS FROM t", ["1:21: expected interval unit (MILLISECOND, SECOND, MINUTE, HOUR or DAY), found 'WEEKS'"] },
        { "SELECT a FROM t WINDOW HOPPING(1m)", ["1:24: expected TUMBLING, SLIDING or SESSION, found 'HOPPING'"] },
        { "SELECT COUNT(*) FROM t WINDOW TUMBLING(ts, 1m, 2m)", ["1:31: TUMBLING takes (size) or (time_column, size), found 3 arguments"] },
        { "SELECT COUNT(*) FROM t WINDOW SLIDING(1m)", ["1:31: SLIDING takes (size, advance) or (time_column, size, advance), found 1 argument"] },
        { "SELECT COUNT(*) FROM t WINDOW TUMBLING(5)", ["1:22: source 't' has no 't.type' property; add 't.type' = 'file_source' or 'kafka_source' to WITH", "1:40: expected a duration such as INTERVAL '1' MINUTE or 1m, found 5"] },
        { "SELECT COUNT(*) FROM t WINDOW TUMBLING('5x')", ["1:22: source 't' has no 't.type' property; add 't.type' = 'file_source' or 'kafka_source' to WITH", "1:40: invalid duration '5x' (use a number and a unit: ms, s, m, h, d)"] },
        // A bad window duration is one error, and the rest of its statement is still checked.
        { "SELECT AVGG(a) FROM t WINDOW TUMBLING(ts, 5x) GROUP BY a{W}", ["1:8: unknown function AVGG (did you mean AVG?)", "1:43: invalid number '5x'"] },
        { "SELECT COUNT(*) FROM t WINDOW SLIDING(ts, 1.5s, 1s){W}", ["1:43: invalid number '1.5s'"] },
        { "SELECT COUNT(*), b FROM t WINDOW SESSION(ts, 'soon'){W}", ["1:18: column 'b' must appear in GROUP BY or be used in an aggregate function", "1:46: invalid duration 'soon' (use a number and a unit: ms, s, m, h, d)"] },
        { "SELECT COUNT(*) FROM t WINDOW SESSION(1 + 2, 1m)", ["1:39: expected a time column, found (1 + 2)"] },
        { "SELECT a FROM t EMIT SOMETIMES", ["1:22: expected CHANGES or FINAL, found 'SOMETIMES'"] },
        { "SELECT a FROM t WITH ('t.type' 'kafka_source')", ["1:32: expected '=', found string 'kafka_source'"] },
        { "SELECT a FROM t WITH (type = 'x')", ["1:23: expected a property name in single quotes, found 'type'"] },
        { "SELECT a FROM t WITH ('t.type' = )", ["1:34: expected a property value, found ')'"] },
        { "SELECT a FROM t WITH ('t.type' = 'kafka_source'", ["1:48: expected ')', found end of input"] },
        { "SELECT a FROM t WHERE a > 1 WHERE b > 2", ["1:29: duplicate WHERE clause"] },
        { "CREATE VIEW v AS SELECT a FROM t", ["1:8: expected STREAM or TABLE, found 'VIEW'"] },
        { "CREATE STREAM AS SELECT a FROM t", ["1:15: expected stream or table name, found 'AS'"] },
        { "CREATE STREAM s SELECT a FROM t", ["1:17: expected AS, found 'SELECT'"] },
        { "UPDATE t SET a = 1", ["1:1: expected CREATE STREAM, CREATE TABLE or SELECT, found 'UPDATE'"] },
        { "SELECT a FROM t JOIN u", ["1:23: expected ON, found end of input"] },
        { "SELECT a FROM t LEFT u ON a = b", ["1:22: expected JOIN, found 'u'"] },
        { "SELECT a FROM t SELECT b FROM u", ["1:17: expected ';' or end of input, found 'SELECT'"] },
        { "SELECT a FROM (SELECT a FROM t)", ["1:15: a subquery in FROM is not supported (subqueries go in WHERE or SELECT: EXISTS, IN (SELECT …), scalar)"] },
        { "SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u", ["1:46: expected ')' to close the subquery, found end of input"] },
        { "SELECT a FROM t UNION SELECT a FROM u", ["1:17: UNION without ALL (removing duplicates) is not supported; write UNION ALL"] },
        { "SELECT 999999999999999999999999999999 FROM t", ["1:8: integer literal 999999999999999999999999999999 is out of range for DECIMAL (at most 79228162514264337593543950335)"] },
        { "SELECT a PRIMARY b FROM t", ["1:18: expected KEY, found 'b'"] },
        { "SELECT a FROM t WHERE a NOT 5", ["1:25: expected ';' or end of input, found 'NOT'"] },
        { "SELECT f(a FROM t", ["1:12: expected ')', found 'FROM'"] },
        { "SELECT SUM(x) OVER (ROWS WINDOW BUFFER 0 ROWS) FROM t", ["1:40: expected a positive number of rows, found '0'"] },
        { "SELECT a AS FROM t", ["1:13: expected alias, found 'FROM'"] },
        { "SELECT t. FROM t", ["1:11: expected column name, found 'FROM'"] },
        { "SELECT a FROM t{W} CREATE STREAM AS SELECT a FROM t", ["1:77: expected ';' or end of input, found 'CREATE'", "1:91: expected stream or table name, found 'AS'"] },
        { "SELECT a FROM t; SELECT FROM u; SELECT b FROM", ["1:15: source 't' has no 't.type' property; add 't.type' = 'file_source' or 'kafka_source' to WITH", "1:25: expected expression, found 'FROM'", "1:46: expected source name, found end of input"] },

        // Functions
        { "SELECT UPPR(a) FROM t{W}", ["1:8: unknown function UPPR (did you mean UPPER?)"] },
        { "SELECT FROBNICATE(a) FROM t{W}", ["1:8: unknown function FROBNICATE"] },
        { "SELECT ROUND(a, 1, 2) FROM t{W}", ["1:8: ROUND takes 1 to 2 arguments, found 3"] },
        { "SELECT ABS() FROM t{W}", ["1:8: ABS takes 1 argument, found 0"] },
        { "SELECT NOW(1) FROM t{W}", ["1:8: NOW takes 0 arguments, found 1"] },
        { "SELECT CONCAT() FROM t{W}", ["1:8: CONCAT takes at least 1 argument, found 0"] },
        { "SELECT SUM(*) FROM t{W}", ["1:8: '*' is only allowed in COUNT(*), not in SUM"] },
        { "SELECT AVG(DISTINCT a) FROM t{W}", ["1:8: DISTINCT is only supported in COUNT, LISTAGG and STRING_AGG, not in AVG"] },
        { "SELECT UPPER(a) OVER (PARTITION BY b) FROM t{W}", ["1:17: UPPER is not an aggregate or row function and cannot be used with OVER"] },
        { "SELECT EXTRACT(FORTNIGHT FROM ts) FROM t{W}", ["1:16: unknown EXTRACT field FORTNIGHT (expected one of YEAR, QUARTER, MONTH, WEEK, DAY, DOW, DOY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, NANOSECOND, EPOCH)"] },
        { "SELECT TUMBLE_START(ts, 1m) FROM t{W}", ["1:8: TUMBLE_START needs a WINDOW clause"] },

        // Aggregation
        { "SELECT a, b, COUNT(*) FROM t GROUP BY a{W}", ["1:11: column 'b' must appear in GROUP BY or be used in an aggregate function"] },
        { "SELECT a FROM t GROUP BY a HAVING b > 1{W}", ["1:35: column 'b' must appear in GROUP BY or be used in an aggregate function"] },
        { "SELECT a FROM t WHERE COUNT(*) > 1{W}", ["1:23: aggregate function COUNT is not allowed in WHERE"] },
        { "SELECT COUNT(*) FROM t GROUP BY SUM(a){W}", ["1:33: aggregate function SUM is not allowed in GROUP BY"] },
        { "SELECT t.a FROM t JOIN u ON MAX(t.a) = u.a{W}", ["1:29: aggregate function MAX is not allowed in JOIN ... ON"] },
        { "SELECT AVG(SUM(a)) FROM t{W}", ["1:12: aggregate function SUM cannot be nested inside AVG"] },
        { "SELECT *, COUNT(*) FROM t{W}", ["1:8: '*' cannot be selected together with GROUP BY or aggregate functions"] },
        { "SELECT a FROM t HAVING a > 1{W}", ["1:24: HAVING requires GROUP BY or an aggregate function"] },
        { "SELECT a FROM t WINDOW TUMBLING(1m){W}", ["1:17: WINDOW requires GROUP BY or an aggregate function"] },
        { "SELECT a FROM t EMIT FINAL{W}", ["1:17: EMIT FINAL requires GROUP BY, WINDOW or an aggregate function"] },
        { "SELECT _window_start, COUNT(*) FROM t{W}", ["1:8: _window_start is only available with a WINDOW clause"] },

        // Windows and LIMIT
        { "SELECT COUNT(*) FROM t WINDOW TUMBLING(0s){W}", ["1:24: TUMBLING window size must be greater than zero, found 0ms"] },
        { "SELECT COUNT(*) FROM t WINDOW SLIDING(ts, 1m, 2m){W}", ["1:24: SLIDING window advance (2m) must not exceed its size (1m)"] },
        { "SELECT COUNT(*) FROM t WINDOW SESSION(-5s){W}", ["1:24: SESSION window gap must be greater than zero, found -5s"] },
        { "SELECT COUNT(*) FROM t WINDOW TUMBLING(_window_end, 1m){W}", ["1:40: _window_end cannot be the window's time column; name an event-time column or _event_time"] },
        { "SELECT a FROM t LIMIT 0{W}", ["1:23: LIMIT must be a positive integer, found 0"] },
        { "SELECT a FROM t LIMIT -3{W}", ["1:23: LIMIT must be a positive integer, found -3"] },
        { "SELECT a FROM t LIMIT 'ten'{W}", ["1:23: LIMIT must be a positive integer, found 'ten'"] },

        // Names
        { "SELECT x.a FROM t{W}", ["1:8: unknown source or alias 'x' in 'x.a'"] },
        { "SELECT x.* FROM t{W}", ["1:8: unknown source or alias 'x'"] },
        { "SELECT a FROM t JOIN u t ON a = b{W}", ["1:24: source alias 't' is used twice; give each source its own alias"] },
        { "SELECT DISTINCT a FROM t{W}", ["1:1: SELECT DISTINCT is not supported; use GROUP BY on the columns instead"] },
        { "SELECT a FROM t JOIN u ON t.k = u.k AND u.ts BETWEEN t.ts AND t.ts + 5s JOIN v ON t.k = v.k WITH ('t.type' = 'kafka_source', 'u.type' = 'kafka_source', 'v.type' = 'kafka_source')", ["1:17: a stream-stream interval join cannot be combined with other joins in one query"] },
        { "SELECT a FROM t RIGHT JOIN u ON t.k = u.k{W}", ["1:17: RIGHT JOIN is not supported; swap the sources and use LEFT JOIN"] },
        { "SELECT a FROM t FULL OUTER JOIN u ON t.k = u.k{W}", ["1:17: FULL JOIN is not supported; use JOIN or LEFT JOIN"] },
        { "SELECT a FROM t JOIN u ON t.ts > u.ts{W}", ["1:27: JOIN ... ON needs an equality between a column of 'u' and a column of an earlier source"] },
        { "SELECT a FROM t x JOIN u y ON x.k = x.j{W}", ["1:31: JOIN ... ON needs an equality between a column of 'y' and a column of an earlier source"] },

        // Types
        { "SELECT 'abc' + 1 FROM t{W}", ["1:8: operator + cannot be applied to VARCHAR and BIGINT"] },
        { "SELECT SUM('x') FROM t{W}", ["1:12: SUM requires a numeric argument, found VARCHAR"] },
        { "SELECT UPPER(5) FROM t{W}", ["1:14: UPPER requires a VARCHAR argument, found BIGINT"] },
        { "SELECT a FROM t WHERE 1{W}", ["1:23: WHERE condition must be BOOLEAN, found BIGINT"] },
        { "SELECT a FROM t WHERE 'a' > 1{W}", ["1:23: cannot compare VARCHAR with BIGINT"] },
        { "SELECT CAST('abc' AS BIGINT) FROM t{W}", ["1:8: cannot cast 'abc' to BIGINT"] },
        { "SELECT CAST(TRUE AS TIMESTAMP) FROM t{W}", ["1:8: cannot cast BOOLEAN to TIMESTAMP"] },
        { "SELECT CASE WHEN a > 1 THEN 'x' ELSE 2 END FROM t{W}", ["1:38: CASE results have incompatible types VARCHAR and BIGINT"] },
        { "SELECT a FROM t WHERE NOT 5{W}", ["1:27: operand of NOT must be BOOLEAN, found BIGINT"] },
        { "SELECT a FROM t WHERE a LIKE 5{W}", ["1:30: LIKE requires a VARCHAR argument, found BIGINT"] },
        { "SELECT -'x' FROM t{W}", ["1:8: unary - cannot be applied to VARCHAR"] },

        // WITH properties: connectors and job keys
        { "SELECT a FROM t", ["1:15: source 't' has no 't.type' property; add 't.type' = 'file_source' or 'kafka_source' to WITH"] },
        { "SELECT a FROM t WITH ('t.type' = 'http_source')", ["1:34: unknown source type 'http_source' for 't' (expected file_source or kafka_source)"] },
        { "SELECT a FROM t WITH ('t.type' = 'file_sink', 't.path' = 'x')", ["1:34: 'file_sink' is a sink type, but 't' is read by this query (expected file_source or kafka_source)"] },
        { "SELECT a FROM t WITH ('t.type' = 'file_source')", ["1:23: file_source 't' requires 't.path'"] },
        { "SELECT a FROM t WITH ('t.type' = 'file_source', 't.config_file' = 'c.yaml')", ["1:23: file_source 't' requires 't.path' ('t.config_file' does not supply it)", "1:67: c.yaml: cannot read config file: Could not find file '" + Path.GetFullPath("c.yaml") + "'."] },
        { "SELECT a FROM t WITH ('t.type' = 'file_source', 't.path' = 'in', 't.format' = 'xml')", ["1:79: invalid value 'xml' for 't.format' (expected jsonl, json, csv)"] },
        { "SELECT a FROM t WITH ('t.type' = 'file_source', 't.path' = '')", ["1:23: file_source 't' requires 't.path'"] },
        { "CREATE STREAM s AS SELECT a FROM t{W}", ["1:15: CREATE STREAM s has no sink; add 's.type' = 'file_sink' or 'kafka_sink' to WITH"] },
        { "CREATE STREAM s AS SELECT a FROM t WITH ('t.type' = 'kafka_source', 's.type' = 'kafka_source')", ["1:80: 'kafka_source' is a source type, but 's' is this statement's output (expected file_sink or kafka_sink)"] },
        { "CREATE TABLE s AS SELECT a FROM t WITH ('t.type' = 'kafka_source', 's.type' = 'jdbc_sink')", ["1:79: unknown sink type 'jdbc_sink' for 's' (expected file_sink or kafka_sink)"] },
        { "SELECT a FROM t WITH ('t.type' = 'kafka_source', 'watermark.max_out_of_orderness' = '5 parsecs')", ["1:85: invalid duration '5 parsecs' for 'watermark.max_out_of_orderness' (use a number and a unit: ms, s, m, h, d)"] },
        { "SELECT a FROM t WITH ('t.type' = 'kafka_source', 'late.data.strategy' = 'keep')", ["1:73: invalid value 'keep' for 'late.data.strategy' (expected drop, dead_letter, update_previous, include_in_next_window)"] },
        { "SELECT a FROM t WITH ('t.type' = 'kafka_source', 'failure.strategy' = 'retry')", ["1:71: invalid value 'retry' for 'failure.strategy' (expected log_and_continue, dead_letter, fail)"] },
        { "SELECT a FROM t WITH ('t.type' = 'kafka_source', 'use_transactions' = 'yes')", ["1:71: invalid value 'yes' for 'use_transactions' (expected true, false)"] },
        { "SELECT a FROM t WITH ('t.type' = 'kafka_source', 'execution.threads' = 'two')", ["1:72: invalid value 'two' for 'execution.threads' (expected a whole number from 1 to 64)"] },
        { "SELECT a FROM t WITH ('t.type' = 'kafka_source', 'execution.threads' = '0')", ["1:72: invalid value '0' for 'execution.threads' (expected a whole number from 1 to 64)"] },
        { "SELECT a FROM t WITH ('t.type' = 'file_source', 't.path' = 'in', 'use_transactions' = 'true')", [
            "1:87: 'use_transactions' = 'true' needs Kafka sources and a Kafka sink: source 't' is a file_source, whose position cannot be part of a Kafka transaction",
            "1:87: 'use_transactions' = 'true' needs Kafka sources and a Kafka sink: the output goes to standard output, outside any Kafka transaction"] },
        { "-- @name: j\nCREATE STREAM s AS SELECT a FROM t WITH ('t.type' = 'kafka_source', 's.type' = 'kafka_sink', 'j.dlq.path' = 'bad.jsonl', 'use_transactions' = 'true')", [
            "2:143: 'use_transactions' = 'true' needs Kafka sources and a Kafka sink: dead letters go to the file 'bad.jsonl', outside the transaction; without 'j.dlq.path' they go to the job's dead-letter topic"] },
        { "-- @name: q\nSELECT a FROM t{W};\n-- @name: q\nSELECT b FROM u{W}", ["3:4: duplicate statement name 'q' (first defined at line 1)"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_input_reports_exactly_these_located_errors(string sql, string[] expected)
    {
        var text = sql.Replace("{W}", With, StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);

        var result = SqlFrontEnd.Check(text, "app.sql");

        var actual = result.Diagnostics.Select(d => $"{d.Location.Line}:{d.Location.Column}: {d.Message}");
        Assert.Equal(expected, actual);
    }
}
