namespace Velostream.Tests.Differential;

/// <summary>
/// Functions over rows, frames, windows written in GROUP BY and joins bounded by WITHIN.
/// Translation notes: a function over rows reads its partition in arrival order (<c>id</c>
/// order), so DuckDB orders its frames by <c>id</c>; a Velostream BUFFER of n rows is DuckDB's
/// <c>ROWS BETWEEN n - 1 PRECEDING AND CURRENT ROW</c>. A ranking function ranks the arriving row
/// among the rows of its partition so far (not among the whole table), which DuckDB computes
/// with a correlated count over the rows of lower <c>id</c>. Next to GROUP BY, a function over
/// rows shows its value at the group's last row: DuckDB's <c>arg_max_null(value, id)</c>.
/// </summary>
internal static partial class DifferentialCases
{
    private static IReadOnlyList<DifferentialCase> Windows =>
    [
        new("SUM over ROWS BETWEEN 2 PRECEDING AND CURRENT ROW per symbol",
            "SELECT id, SUM(qty) OVER (PARTITION BY symbol ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s3 FROM trades",
            "SELECT id, sum(qty) OVER (PARTITION BY symbol ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s3 FROM trades"),
        new("AVG over a buffer of 5 rows is a 5-row frame",
            "SELECT id, AVG(price) OVER (ROWS WINDOW BUFFER 5 ROWS PARTITION BY symbol ORDER BY id) AS avg5 FROM trades",
            "SELECT id, avg(price) OVER (PARTITION BY symbol ORDER BY id ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS avg5 FROM trades"),
        new("running COUNT, MIN and MAX over the partition so far",
            "SELECT id, COUNT(price) OVER (PARTITION BY side) AS n, MIN(price) OVER (PARTITION BY side ORDER BY id) AS lo, MAX(fee) OVER (PARTITION BY side ORDER BY id ROWS UNBOUNDED PRECEDING) AS hi FROM trades",
            "SELECT id, count(price) OVER (PARTITION BY side ORDER BY id ROWS UNBOUNDED PRECEDING) AS n, min(price) OVER (PARTITION BY side ORDER BY id ROWS UNBOUNDED PRECEDING) AS lo, max(fee) OVER (PARTITION BY side ORDER BY id ROWS UNBOUNDED PRECEDING) AS hi FROM trades"),
        new("a frame that ends before the current row",
            "SELECT id, MAX(qty) OVER (PARTITION BY symbol ORDER BY id ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) AS prev_high, COUNT(*) OVER (PARTITION BY symbol ORDER BY id ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) AS n FROM trades",
            "SELECT id, max(qty) OVER (PARTITION BY symbol ORDER BY id ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) AS prev_high, count(*) OVER (PARTITION BY symbol ORDER BY id ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) AS n FROM trades"),
        new("STDDEV_POP and STDDEV over a 10-row frame",
            "SELECT id, STDDEV_POP(qty) OVER (PARTITION BY side ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS sdp, STDDEV(price) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY side ORDER BY id) AS sd FROM trades",
            "SELECT id, stddev_pop(qty) OVER (PARTITION BY side ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS sdp, stddev_samp(price) OVER (PARTITION BY side ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS sd FROM trades"),
        new("RANK of each arriving trade by price within its symbol",
            "SELECT id, RANK() OVER (ROWS WINDOW BUFFER 5000 ROWS PARTITION BY symbol ORDER BY price DESC) AS r FROM trades WHERE price IS NOT NULL",
            """
            SELECT t.id, 1 + (SELECT count(*) FROM trades u WHERE u.price IS NOT NULL AND u.symbol IS NOT DISTINCT FROM t.symbol AND u.id < t.id AND u.price > t.price) AS r
            FROM trades t WHERE t.price IS NOT NULL
            """),
        new("DENSE_RANK and ROW_NUMBER of each arriving trade by quantity",
            "SELECT id, DENSE_RANK() OVER (ROWS WINDOW BUFFER 5000 ROWS PARTITION BY side ORDER BY qty) AS dr, ROW_NUMBER() OVER (ROWS WINDOW BUFFER 5000 ROWS PARTITION BY side ORDER BY qty) AS rn FROM trades WHERE qty IS NOT NULL",
            """
            SELECT t.id,
                   1 + (SELECT count(DISTINCT u.qty) FROM trades u WHERE u.qty IS NOT NULL AND u.side IS NOT DISTINCT FROM t.side AND u.id < t.id AND u.qty < t.qty) AS dr,
                   1 + (SELECT count(*) FROM trades u WHERE u.qty IS NOT NULL AND u.side IS NOT DISTINCT FROM t.side AND u.id < t.id AND u.qty <= t.qty) AS rn
            FROM trades t WHERE t.qty IS NOT NULL
            """),
        new("PERCENT_RANK among the last 10 trades of a symbol",
            "SELECT id, PERCENT_RANK() OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol ORDER BY fee) AS pr FROM trades",
            """
            WITH n AS (SELECT *, row_number() OVER (PARTITION BY symbol ORDER BY id) AS rn FROM trades)
            SELECT t.id,
                   CASE WHEN least(t.rn, 10) = 1 THEN 0.0
                        ELSE (SELECT count(*) FROM n u WHERE u.symbol IS NOT DISTINCT FROM t.symbol AND u.rn < t.rn AND u.rn > t.rn - 10 AND u.fee < t.fee) / (least(t.rn, 10) - 1)
                   END AS pr
            FROM n t
            """),
        new("rolling average next to GROUP BY aggregates",
            "SELECT side, COUNT(*) AS n, SUM(qty) AS q, AVG(qty) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY side ORDER BY id) AS recent, MAX(qty) OVER (PARTITION BY side) AS top FROM trades GROUP BY side EMIT FINAL",
            """
            WITH r AS (SELECT *, avg(qty) OVER (PARTITION BY side ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS recent FROM trades)
            SELECT side, count(*) AS n, sum(qty) AS q, arg_max_null(recent, id) AS recent, max(qty) AS top FROM r GROUP BY side
            """),
        new("GROUP BY TUMBLE(ts, 10 s) as the window",
            "SELECT symbol, _window_start AS ws, COUNT(*) AS n, SUM(qty) AS q FROM trades GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), symbol EMIT FINAL",
            "SELECT symbol, iso(ts // 10000 * 10000) AS ws, count(*) AS n, sum(qty) AS q FROM trades GROUP BY symbol, ts // 10000",
            [Watermark[0]]),
        new("JOIN ... WITHIN INTERVAL bounds both streams' event times",
            "SELECT t.id, q.qid, q.bid FROM trades t JOIN quotes q ON t.symbol = q.symbol WITHIN INTERVAL '5' SECOND",
            "SELECT t.id, q.qid, q.bid FROM trades t JOIN quotes q ON t.symbol = q.symbol AND q.ts BETWEEN t.ts - 5000 AND t.ts + 5000",
            [Watermark[0], "'trades.event.time.field' = 'ts'", "'quotes.event.time.field' = 'ts'"]),
    ];
}
