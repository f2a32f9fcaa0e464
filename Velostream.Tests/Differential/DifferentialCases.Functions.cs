namespace Velostream.Tests.Differential;

/// <summary>
/// Differential queries for Velostream's functions and operators: division, timestamp arithmetic,
/// date functions, string functions, regular expressions and the LISTAGG/STRING_AGG,
/// PERCENTILE_CONT and CORR aggregates. Translation notes: <c>ts</c> is epoch milliseconds, which
/// DuckDB turns into a TIMESTAMP with <c>epoch_ms</c>; <c>ts + id * 86400017</c> spreads the
/// records over about eight years so that date parts vary; LISTAGG follows arrival order, which
/// is <c>id</c> order; DuckDB interpolates a DECIMAL's quantile in its scale, so it is given
/// DOUBLEs as the engine computes; its CORR is NaN where the engine's (and PostgreSQL's) is NULL.
/// </summary>
internal static class FunctionDifferentialCases
{
    private const string Spread = "ts + id * 86400017";

    public static readonly IReadOnlyList<DifferentialCase> All =
    [
        // Operators
        new("integer division is fractional as in Velostream",
            "SELECT id, qty / 7 AS sevenths, 50 / 100 AS half, qty / -4 AS quarters FROM trades",
            "SELECT id, qty / 7 AS sevenths, 50 / 100 AS half, qty / -4 AS quarters FROM trades"),
        new("timestamp differences are epoch milliseconds",
            "SELECT id, TIMESTAMP(ts) - TIMESTAMP(1767605400000) AS ms, (TIMESTAMP(ts) - TIMESTAMP(1767605400000)) / 1000.0 AS seconds FROM trades",
            "SELECT id, ts - 1767605400000 AS ms, (ts - 1767605400000) / 1000.0 AS seconds FROM trades"),

        // Date functions
        new("YEAR, MONTH, DAY, HOUR, MINUTE, SECOND and EXTRACT('DOW')",
            $"SELECT id, YEAR({Spread}) AS y, MONTH({Spread}) AS mo, DAY({Spread}) AS d, HOUR({Spread}) AS h, MINUTE({Spread}) AS mi, SECOND({Spread}) AS s, EXTRACT('DOW', {Spread}) AS dow FROM trades",
            $"SELECT id, year(epoch_ms({Spread})) AS y, month(epoch_ms({Spread})) AS mo, day(epoch_ms({Spread})) AS d, hour(epoch_ms({Spread})) AS h, minute(epoch_ms({Spread})) AS mi, second(epoch_ms({Spread})) AS s, dayofweek(epoch_ms({Spread})) AS dow FROM trades"),
        new("DATE_FORMAT with strftime specifiers",
            $"SELECT id, DATE_FORMAT({Spread}, '%Y-%m-%d %H:%M:%S') AS stamp, DATE_FORMAT({Spread}, '%a %d %b %y, day %j, %I %p') AS words FROM trades",
            $"SELECT id, strftime(epoch_ms({Spread}), '%Y-%m-%d %H:%M:%S') AS stamp, strftime(epoch_ms({Spread}), '%a %d %b %y, day %j, %I %p') AS words FROM trades"),
        new("DATE_TRUNC to year, quarter, month, week, day and hour",
            $"SELECT id, DATE_TRUNC('year', {Spread}) AS y, DATE_TRUNC('quarter', {Spread}) AS q, DATE_TRUNC('month', {Spread}) AS mo, DATE_TRUNC('week', {Spread}) AS w, DATE_TRUNC('day', {Spread}) AS d, DATE_TRUNC('hour', {Spread}) AS h FROM trades",
            $"SELECT id, iso(epoch_ms(date_trunc('year', epoch_ms({Spread})))) AS y, iso(epoch_ms(date_trunc('quarter', epoch_ms({Spread})))) AS q, iso(epoch_ms(date_trunc('month', epoch_ms({Spread})))) AS mo, iso(epoch_ms(date_trunc('week', epoch_ms({Spread})))) AS w, iso(epoch_ms(date_trunc('day', epoch_ms({Spread})))) AS d, iso(epoch_ms(date_trunc('hour', epoch_ms({Spread})))) AS h FROM trades"),
        new("DATEDIFF in days, months, quarters and years",
            $"SELECT id, DATEDIFF('days', ts, {Spread}) AS d, DATEDIFF('months', ts, {Spread}) AS mo, DATEDIFF('quarter', ts, {Spread}) AS q, DATEDIFF('years', ts, {Spread}) AS y FROM trades",
            $"SELECT id, date_diff('day', epoch_ms(ts), epoch_ms({Spread})) AS d, date_diff('month', epoch_ms(ts), epoch_ms({Spread})) AS mo, date_diff('quarter', epoch_ms(ts), epoch_ms({Spread})) AS q, date_diff('year', epoch_ms(ts), epoch_ms({Spread})) AS y FROM trades"),
        new("UNIX_TIMESTAMP and FROM_UNIXTIME",
            "SELECT id, UNIX_TIMESTAMP(ts) AS u, FROM_UNIXTIME(id * 1000003) AS f FROM trades",
            "SELECT id, ts // 1000 AS u, iso(epoch_ms(make_timestamp(id * 1000003 * 1000000))) AS f FROM trades"),

        // String functions
        new("POSITION, LEFT, RIGHT, LPAD and RPAD count characters",
            "SELECT id, POSITION('a' IN note) AS p, POSITION(' ', symbol) AS sp, LEFT(symbol, 3) AS l, RIGHT(symbol, 2) AS r, LPAD(symbol, 8, '*') AS lp, RPAD(note, 6, '.') AS rp FROM trades",
            "SELECT id, position('a' IN note) AS p, position(' ' IN symbol) AS sp, left(symbol, 3) AS l, right(symbol, 2) AS r, lpad(symbol, 8, '*') AS lp, rpad(note, 6, '.') AS rp FROM trades"),
        new("LTRIM and RTRIM",
            "SELECT id, LTRIM(symbol) AS l, RTRIM(note) AS r, LTRIM(RTRIM(note)) AS both_sides FROM trades",
            "SELECT id, ltrim(symbol) AS l, rtrim(note) AS r, ltrim(rtrim(note)) AS both_sides FROM trades"),
        new("the ~ operator and REGEXP_REPLACE",
            "SELECT id, symbol ~ '^[A-Z]+$' AS caps, note !~ '[0-9]' AS no_digit, REGEXP_REPLACE(note, '[aeiou]', '*', 'g') AS masked, REGEXP_REPLACE(note, '([a-z]+)', '<$1>') AS first_word FROM trades",
            "SELECT id, regexp_matches(symbol, '^[A-Z]+$') AS caps, NOT regexp_matches(note, '[0-9]') AS no_digit, regexp_replace(note, '[aeiou]', '*', 'g') AS masked, regexp_replace(note, '([a-z]+)', '<\\1>') AS first_word FROM trades"),

        // Aggregates
        new("LISTAGG and STRING_AGG in arrival order",
            "SELECT side, LISTAGG(symbol) AS symbols, STRING_AGG(note, ' | ') AS notes FROM trades WHERE qty > 800 GROUP BY side EMIT FINAL",
            "SELECT side, string_agg(symbol, ',' ORDER BY id) AS symbols, string_agg(note, ' | ' ORDER BY id) AS notes FROM trades WHERE qty > 800 GROUP BY side"),
        new("PERCENTILE_CONT and CORR by a key",
            "SELECT symbol, PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY qty) AS p90, PERCENTILE_CONT(price, 0.25) AS p25, CORR(price, qty) AS c FROM trades GROUP BY symbol EMIT FINAL",
            "SELECT symbol, quantile_cont(qty, 0.9)::DOUBLE AS p90, quantile_cont(price::DOUBLE, 0.25) AS p25, nan_as_null(corr(price, qty)) AS c FROM trades GROUP BY symbol"),
        new("LISTAGG, PERCENTILE_CONT and CORR per tumbling 1 minute window",
            "SELECT side, _window_start AS ws, LISTAGG(id, ';') AS ids, PERCENTILE_CONT(fee, 0.5) AS median_fee, CORR(qty, fee) AS c FROM trades GROUP BY side WINDOW TUMBLING(ts, 1m) EMIT FINAL",
            "SELECT side, iso(ts // 60000 * 60000) AS ws, string_agg(id::VARCHAR, ';' ORDER BY id) AS ids, quantile_cont(fee::DOUBLE, 0.5) AS median_fee, nan_as_null(corr(qty, fee)) AS c FROM trades GROUP BY side, ts // 60000",
            [DifferentialDataSet.Watermark]),
    ];
}
