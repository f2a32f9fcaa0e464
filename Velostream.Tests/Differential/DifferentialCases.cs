namespace Velostream.Tests.Differential;

/// <summary>
/// The differential queries. Each pair must give the same rows on <see cref="DifferentialDataSet"/>.
/// Translation notes: FIRST_VALUE/LAST_VALUE follow arrival order, which is <c>id</c> order, so
/// DuckDB uses <c>arg_min/arg_max(x, id)</c>; windows are computed from <c>ts</c> (epoch ms)
/// arithmetic, their bounds printed by the <c>iso</c> macro as the engine prints TIMESTAMPs;
/// a bounded source closes every window at its end, which is what a batch query over the whole
/// table computes.
/// </summary>
internal static partial class DifferentialCases
{
    private static readonly string[] Watermark = [DifferentialDataSet.Watermark];

    public static readonly IReadOnlyList<DifferentialCase> All =
    [
        // Filters and projections
        new("filter on an exact decimal",
            "SELECT id, symbol, price FROM trades WHERE price > 200",
            "SELECT id, symbol, price FROM trades WHERE price > 200"),
        new("filter with AND on negative numbers",
            "SELECT id, price, qty FROM trades WHERE price < 0 AND qty > 500",
            "SELECT id, price, qty FROM trades WHERE price < 0 AND qty > 500"),
        new("three-valued NOT and OR",
            "SELECT id, side, qty FROM trades WHERE NOT (side = 'BUY') OR qty < 0",
            "SELECT id, side, qty FROM trades WHERE NOT (side = 'BUY') OR qty < 0"),
        new("IS NULL on explicit nulls and a missing key",
            "SELECT id, price, note FROM trades WHERE price IS NULL OR note IS NULL",
            "SELECT id, price, note FROM trades WHERE price IS NULL OR note IS NULL"),
        new("IS NOT NULL",
            "SELECT id, symbol FROM trades WHERE symbol IS NOT NULL AND side IS NOT NULL AND qty IS NULL",
            "SELECT id, symbol FROM trades WHERE symbol IS NOT NULL AND side IS NOT NULL AND qty IS NULL"),
        new("IN with odd strings",
            "SELECT id, symbol FROM trades WHERE symbol IN ('O''Neil', 'Zürich AG', '東京', '', 'NULL')",
            "SELECT id, symbol FROM trades WHERE symbol IN ('O''Neil', 'Zürich AG', '東京', '', 'NULL')"),
        new("NOT IN excludes NULL",
            "SELECT id, side FROM trades WHERE side NOT IN ('BUY')",
            "SELECT id, side FROM trades WHERE side NOT IN ('BUY')"),
        new("BETWEEN and NOT BETWEEN mixing integers and decimals",
            "SELECT id, price, fee FROM trades WHERE price BETWEEN -10 AND 10.5 OR fee NOT BETWEEN 0.5 AND 99999",
            "SELECT id, price, fee FROM trades WHERE price BETWEEN -10 AND 10.5 OR fee NOT BETWEEN 0.5 AND 99999"),
        new("LIKE and NOT LIKE",
            "SELECT id, symbol, note FROM trades WHERE symbol LIKE '%a%' OR (note LIKE '_l%' AND note NOT LIKE '%a')",
            "SELECT id, symbol, note FROM trades WHERE symbol LIKE '%a%' OR (note LIKE '_l%' AND note NOT LIKE '%a')"),
        new("exact arithmetic across scales",
            "SELECT id, price * qty AS notional, price + fee AS gross, price - fee AS net, qty - 1 AS q1, -price AS neg FROM trades",
            "SELECT id, price * qty AS notional, price + fee AS gross, price - fee AS net, qty - 1 AS q1, -price AS neg FROM trades"),
        new("decimal division",
            "SELECT id, price / 4 AS quarter FROM trades WHERE price IS NOT NULL",
            "SELECT id, price / 4 AS quarter FROM trades WHERE price IS NOT NULL"),
        new("searched CASE",
            "SELECT id, CASE WHEN price IS NULL THEN 'none' WHEN price < 0 THEN 'negative' WHEN price >= 250 THEN 'high' ELSE 'low' END AS band FROM trades",
            "SELECT id, CASE WHEN price IS NULL THEN 'none' WHEN price < 0 THEN 'negative' WHEN price >= 250 THEN 'high' ELSE 'low' END AS band FROM trades"),
        new("simple CASE without ELSE",
            "SELECT id, CASE side WHEN 'BUY' THEN 1 WHEN 'SELL' THEN -1 END AS direction FROM trades",
            "SELECT id, CASE side WHEN 'BUY' THEN 1 WHEN 'SELL' THEN -1 END AS direction FROM trades"),

        // Scalar functions
        new("UPPER, LOWER, TRIM, LENGTH on unicode and padding",
            "SELECT id, UPPER(symbol) AS u, LOWER(symbol) AS l, TRIM(symbol) AS t, LENGTH(symbol) AS n FROM trades",
            "SELECT id, upper(symbol) AS u, lower(symbol) AS l, trim(symbol) AS t, length(symbol) AS n FROM trades"),
        new("SUBSTRING and REPLACE",
            "SELECT id, SUBSTRING(note, 2, 3) AS part, SUBSTRING(symbol, 3) AS tail, REPLACE(note, 'a', 'A') AS swapped FROM trades",
            "SELECT id, substring(note, 2, 3) AS part, substring(symbol, 3) AS tail, replace(note, 'a', 'A') AS swapped FROM trades"),
        new("CONCAT skips NULLs",
            "SELECT id, CONCAT(symbol, '/', side) AS pair, CONCAT(note, '!') AS loud FROM trades",
            "SELECT id, concat(symbol, '/', side) AS pair, concat(note, '!') AS loud FROM trades"),
        new("SPLIT_PART",
            "SELECT id, SPLIT_PART(note, ',', 2) AS second, SPLIT_PART(symbol, ' ', 1) AS first_word FROM trades",
            "SELECT id, split_part(note, ',', 2) AS second, split_part(symbol, ' ', 1) AS first_word FROM trades"),
        new("COALESCE and NULLIF",
            "SELECT id, COALESCE(note, side, 'n/a') AS label, NULLIF(side, 'BUY') AS not_buy, COALESCE(price, 0) AS price_or_zero FROM trades",
            "SELECT id, coalesce(note, side, 'n/a') AS label, nullif(side, 'BUY') AS not_buy, coalesce(price, 0) AS price_or_zero FROM trades"),
        new("ABS, CEIL, FLOOR, ROUND half away from zero, MOD",
            "SELECT id, ABS(price) AS a, CEIL(price) AS c, FLOOR(price) AS f, ROUND(price, 1) AS r1, ROUND(fee, 2) AS r2, ROUND(price) AS r0, MOD(qty, 7) AS m FROM trades",
            "SELECT id, abs(price) AS a, ceil(price) AS c, floor(price) AS f, round(price, 1) AS r1, round(fee, 2) AS r2, round(price) AS r0, qty % 7 AS m FROM trades"),
        new("SQRT and POWER give doubles",
            "SELECT id, SQRT(ABS(price)) AS root, POWER(qty, 2) AS squared FROM trades",
            "SELECT id, sqrt(abs(price)) AS root, power(qty, 2) AS squared FROM trades"),
        new("LEAST and GREATEST",
            "SELECT id, LEAST(price, fee) AS low, GREATEST(qty, 0) AS high FROM trades WHERE price IS NOT NULL AND qty IS NOT NULL",
            "SELECT id, least(price, fee) AS low, greatest(qty, 0) AS high FROM trades WHERE price IS NOT NULL AND qty IS NOT NULL"),
        new("CAST between numbers and text",
            "SELECT id, CAST(qty AS DOUBLE) AS dq, CAST(id AS VARCHAR) AS sid, CAST(price AS VARCHAR) AS sprice FROM trades",
            "SELECT id, CAST(qty AS DOUBLE) AS dq, CAST(id AS VARCHAR) AS sid, CAST(price AS VARCHAR) AS sprice FROM trades"),
        new("NULL propagates through arithmetic and comparison",
            "SELECT id, price + qty AS mixed, qty * 2 - 1 AS twice, price > qty AS higher FROM trades",
            "SELECT id, price + qty AS mixed, qty * 2 - 1 AS twice, price > qty AS higher FROM trades"),
        new("IN with mixed integer and decimal literals",
            "SELECT id, price FROM trades WHERE price IN (100, 200.5, -3.25, 42.10) OR qty IN (0, 7, 1000)",
            "SELECT id, price FROM trades WHERE price IN (100, 200.5, -3.25, 42.10) OR qty IN (0, 7, 1000)"),
        new("string ordering compares code points",
            "SELECT id, symbol FROM trades WHERE symbol > 'M' AND symbol <= 'tab'",
            "SELECT id, symbol FROM trades WHERE symbol > 'M' AND symbol <= 'tab'"),
        new("CAST of a decimal to BIGINT",
            "SELECT id, CAST(price AS BIGINT) AS whole, CAST(fee AS BIGINT) AS whole_fee FROM trades",
            "SELECT id, CAST(price AS BIGINT) AS whole, CAST(fee AS BIGINT) AS whole_fee FROM trades"),
        new("LIMIT keeps the first rows in arrival order",
            "SELECT id, symbol FROM trades WHERE qty > 900 LIMIT 25",
            "SELECT id, symbol FROM trades WHERE qty > 900 ORDER BY id LIMIT 25",
            Ordered: true),

        // Aggregates (a bounded source with EMIT FINAL: one row per group at the end)
        new("COUNT, SUM, MIN, MAX by a key with NULLs and odd strings",
            "SELECT symbol, COUNT(*) AS n, COUNT(price) AS priced, SUM(price) AS total, MIN(price) AS low, MAX(price) AS high, SUM(qty) AS q FROM trades GROUP BY symbol EMIT FINAL",
            "SELECT symbol, count(*) AS n, count(price) AS priced, sum(price) AS total, min(price) AS low, max(price) AS high, sum(qty) AS q FROM trades GROUP BY symbol"),
        new("AVG, STDDEV, VARIANCE, STDDEV_POP within tolerance",
            "SELECT side, AVG(price) AS mean, STDDEV(price) AS sd, VARIANCE(qty) AS var, STDDEV_POP(fee) AS sdp FROM trades GROUP BY side EMIT FINAL",
            "SELECT side, avg(price) AS mean, stddev_samp(price) AS sd, var_samp(qty) AS var, stddev_pop(fee) AS sdp FROM trades GROUP BY side"),
        new("COUNT_DISTINCT and MEDIAN",
            "SELECT side, COUNT_DISTINCT(symbol) AS symbols, MEDIAN(qty) AS mid FROM trades GROUP BY side EMIT FINAL",
            "SELECT side, count(DISTINCT symbol) AS symbols, median(qty) AS mid FROM trades GROUP BY side"),
        new("FIRST_VALUE and LAST_VALUE in arrival order",
            "SELECT symbol, FIRST_VALUE(id) AS first_id, LAST_VALUE(fee) AS last_fee FROM trades GROUP BY symbol EMIT FINAL",
            "SELECT symbol, arg_min(id, id) AS first_id, arg_max(fee, id) AS last_fee FROM trades GROUP BY symbol"),
        new("SUM of expressions keeps decimals exact",
            "SELECT side, SUM(price * qty) AS notional, SUM(fee) AS fees FROM trades GROUP BY side EMIT FINAL",
            "SELECT side, sum(price * qty) AS notional, sum(fee) AS fees FROM trades GROUP BY side"),
        new("conditional aggregation, COUNT(DISTINCT) and MIN/MAX of strings",
            "SELECT side, SUM(CASE WHEN qty > 0 THEN qty ELSE 0 END) AS bought, COUNT(DISTINCT note) AS notes, MIN(symbol) AS first_symbol, MAX(note) AS last_note FROM trades GROUP BY side EMIT FINAL",
            "SELECT side, sum(CASE WHEN qty > 0 THEN qty ELSE 0 END) AS bought, count(DISTINCT note) AS notes, min(symbol) AS first_symbol, max(note) AS last_note FROM trades GROUP BY side"),
        new("GROUP BY two keys with HAVING",
            "SELECT symbol, side, COUNT(*) AS n, MAX(qty) - MIN(qty) AS spread FROM trades GROUP BY symbol, side HAVING COUNT(*) > 100 EMIT FINAL",
            "SELECT symbol, side, count(*) AS n, max(qty) - min(qty) AS spread FROM trades GROUP BY symbol, side HAVING count(*) > 100"),

        // Windows on event time, EMIT FINAL
        new("tumbling 10 s window",
            "SELECT symbol, _window_start AS ws, _window_end AS we, COUNT(*) AS n, SUM(qty) AS q, MIN(price) AS low, MAX(price) AS high FROM trades GROUP BY symbol WINDOW TUMBLING(ts, INTERVAL '10' SECOND) EMIT FINAL",
            "SELECT symbol, iso(ts // 10000 * 10000) AS ws, iso(ts // 10000 * 10000 + 10000) AS we, count(*) AS n, sum(qty) AS q, min(price) AS low, max(price) AS high FROM trades GROUP BY symbol, ts // 10000",
            Watermark),
        new("tumbling 1 minute window with AVG, FIRST_VALUE, LAST_VALUE and HAVING",
            "SELECT side, _window_start AS ws, AVG(price) AS mean, FIRST_VALUE(price) AS open, LAST_VALUE(price) AS close FROM trades GROUP BY side WINDOW TUMBLING(ts, 1m) HAVING COUNT(*) > 20 EMIT FINAL",
            "SELECT side, iso(ts // 60000 * 60000) AS ws, avg(price) AS mean, arg_min_null(price, id) AS open, arg_max_null(price, id) AS close FROM trades GROUP BY side, ts // 60000 HAVING count(*) > 20",
            Watermark),
        new("sliding 30 s window advancing by 10 s",
            "SELECT symbol, _window_start AS ws, COUNT(*) AS n, SUM(fee) AS fees FROM trades GROUP BY symbol WINDOW SLIDING(ts, 30s, 10s) EMIT FINAL",
            """
            SELECT symbol, iso(w) AS ws, count(*) AS n, sum(fee) AS fees
            FROM (SELECT *, unnest(range(ts // 10000 * 10000 - 20000, ts // 10000 * 10000 + 1, 10000)) AS w FROM trades)
            GROUP BY symbol, w
            """,
            Watermark),
        new("session windows with a 3 s gap",
            "SELECT symbol, COUNT(*) AS n, MIN(ts) AS first_ts, MAX(ts) AS last_ts, SUM(qty) AS q FROM trades GROUP BY symbol WINDOW SESSION(ts, 3s) EMIT FINAL",
            """
            WITH marked AS (
                SELECT *, CASE WHEN ts - lag(ts) OVER (PARTITION BY symbol ORDER BY ts, id) > 3000 THEN 1 ELSE 0 END AS brk FROM trades),
            numbered AS (
                SELECT *, sum(brk) OVER (PARTITION BY symbol ORDER BY ts, id ROWS UNBOUNDED PRECEDING) AS session FROM marked)
            SELECT symbol, count(*) AS n, min(ts) AS first_ts, max(ts) AS last_ts, sum(qty) AS q FROM numbered GROUP BY symbol, session
            """,
            Watermark),

        // Joins
        new("stream–table LEFT JOIN with misses and NULL keys",
            "SELECT t.id, t.symbol, i.sector, i.multiplier, t.price * i.multiplier AS adjusted FROM trades t LEFT JOIN instruments i ON t.symbol = i.symbol",
            "SELECT t.id, t.symbol, i.sector, i.multiplier, t.price * i.multiplier AS adjusted FROM trades t LEFT JOIN instruments i ON t.symbol = i.symbol"),
        new("stream–table inner JOIN with a filter on the table",
            "SELECT t.id, i.lot_size, t.qty * i.lot_size AS shares FROM trades t JOIN instruments i ON t.symbol = i.symbol WHERE i.sector = 'Technology'",
            "SELECT t.id, i.lot_size, t.qty * i.lot_size AS shares FROM trades t JOIN instruments i ON t.symbol = i.symbol WHERE i.sector = 'Technology'"),
        new("interval join ±10 s between two streams",
            "SELECT t.id, q.qid, t.price - q.bid AS edge FROM trades t JOIN quotes q ON t.symbol = q.symbol AND q.ts BETWEEN t.ts - INTERVAL '10' SECOND AND t.ts + INTERVAL '10' SECOND",
            "SELECT t.id, q.qid, t.price - q.bid AS edge FROM trades t JOIN quotes q ON t.symbol = q.symbol AND q.ts BETWEEN t.ts - 10000 AND t.ts + 10000",
            Watermark),
        new("interval join on a one-sided interval",
            "SELECT t.id, q.qid, q.ask FROM trades t JOIN quotes q ON t.symbol = q.symbol AND q.ts BETWEEN t.ts AND t.ts + INTERVAL '5' SECOND",
            "SELECT t.id, q.qid, q.ask FROM trades t JOIN quotes q ON t.symbol = q.symbol AND q.ts BETWEEN t.ts AND t.ts + 5000",
            Watermark),
        .. Windows,

        // Functions and operators of Velostream's dialect
        .. FunctionDifferentialCases.All,
        .. DifferentialQueryCases.All,
        .. DifferentialStatementCases.All,
        .. DifferentialUnionCases.All,
        .. DifferentialRestCases.All,
    ];
}
