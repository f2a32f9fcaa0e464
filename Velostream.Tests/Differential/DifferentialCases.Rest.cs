namespace Velostream.Tests.Differential;

/// <summary>
/// Differential queries for the constructs of Velostream's dialect the other files do not cover: LAG
/// and LEAD, JSON paths, a join ON TRUE, processing-time arithmetic, and RANGE frames with an offset. Over <c>id</c> (arrival order) the engine's
/// frame is SQL's; over <c>ts</c>, which arrives partly out of order, a row sees only the rows that
/// arrived before it and are still held (within the offset of the highest <c>ts</c> seen before it),
/// which DuckDB computes with a correlated subquery.
/// </summary>
internal static class DifferentialRestCases
{
    private const string EventTimeIsTs = "'trades.event.time.field' = 'ts'";

    public static readonly IReadOnlyList<DifferentialCase> All =
    [
        new("LAG with a default and LEAD per partition in arrival order",
            "SELECT id, LAG(qty, 2, 0) OVER (PARTITION BY side ORDER BY id) AS q2, LAG(price) OVER (PARTITION BY symbol ORDER BY id) AS prev, LEAD(fee, 1) OVER (PARTITION BY symbol ORDER BY id) AS next_fee FROM trades",
            "SELECT id, lag(qty, 2, 0) OVER (PARTITION BY side ORDER BY id) AS q2, lag(price) OVER (PARTITION BY symbol ORDER BY id) AS prev, lead(fee, 1) OVER (PARTITION BY symbol ORDER BY id) AS next_fee FROM trades"),
        new("JSON_VALUE and JSON_EXISTS on JSON text built per row",
            "SELECT id, JSON_VALUE('{\"q\":' || CAST(qty AS VARCHAR) || ',\"s\":{\"side\":\"' || side || '\"}}', '$.s.side') AS s, JSON_VALUE('{\"q\":' || CAST(qty AS VARCHAR) || '}', '$.q') AS q, JSON_EXISTS('{\"q\":' || CAST(qty AS VARCHAR) || '}', '$.r') AS has_r FROM trades WHERE qty IS NOT NULL AND side IS NOT NULL",
            "SELECT id, json_extract_string('{\"q\":' || CAST(qty AS VARCHAR) || ',\"s\":{\"side\":\"' || side || '\"}}', '$.s.side') AS s, CAST(json_extract_string('{\"q\":' || CAST(qty AS VARCHAR) || '}', '$.q') AS BIGINT) AS q, json_exists('{\"q\":' || CAST(qty AS VARCHAR) || '}', '$.r') AS has_r FROM trades WHERE qty IS NOT NULL AND side IS NOT NULL"),
        new("LEFT JOIN ON TRUE pairs every row with every table row",
            "SELECT t.id, i.symbol AS listed, i.lot_size FROM trades t LEFT JOIN instruments i ON TRUE WHERE t.id <= 40",
            "SELECT t.id, i.symbol AS listed, i.lot_size FROM trades t LEFT JOIN instruments i ON TRUE WHERE t.id <= 40"),
        new("CURRENT_TIMESTAMP and NOW() minus event time are milliseconds, not NULL or an error",
            "SELECT id, COALESCE((NOW() - _event_time) / 1000.0, 0.0) > 0 AS past, CURRENT_TIMESTAMP > _event_time AS later, DATEDIFF('days', _event_time, CURRENT_TIMESTAMP) > 0 AS days FROM trades",
            "SELECT id, true AS past, true AS later, true AS days FROM trades",
            [EventTimeIsTs]),
        new("SUM over RANGE BETWEEN 10 PRECEDING AND CURRENT ROW of a numeric ORDER BY",
            "SELECT id, SUM(qty) OVER (PARTITION BY symbol ORDER BY id RANGE BETWEEN 10 PRECEDING AND CURRENT ROW) AS s, COUNT(*) OVER (PARTITION BY symbol ORDER BY id RANGE 10 PRECEDING) AS n FROM trades",
            "SELECT id, sum(qty) OVER (PARTITION BY symbol ORDER BY id RANGE BETWEEN 10 PRECEDING AND CURRENT ROW) AS s, count(*) OVER (PARTITION BY symbol ORDER BY id RANGE BETWEEN 10 PRECEDING AND CURRENT ROW) AS n FROM trades"),
        new("MAX and AVG over a RANGE frame that ends before the current row",
            "SELECT id, MAX(qty) OVER (PARTITION BY side ORDER BY id RANGE BETWEEN 20 PRECEDING AND 5 PRECEDING) AS hi, AVG(price) OVER (PARTITION BY side ORDER BY id RANGE BETWEEN 20 PRECEDING AND 5 PRECEDING) AS a FROM trades",
            "SELECT id, max(qty) OVER (PARTITION BY side ORDER BY id RANGE BETWEEN 20 PRECEDING AND 5 PRECEDING) AS hi, avg(price) OVER (PARTITION BY side ORDER BY id RANGE BETWEEN 20 PRECEDING AND 5 PRECEDING) AS a FROM trades"),
        new("COUNT and MIN over RANGE BETWEEN INTERVAL '2' SECOND PRECEDING AND CURRENT ROW of a timestamp",
            "SELECT id, COUNT(price) OVER (PARTITION BY side ORDER BY TIMESTAMP(1767605400000 + id * 150) RANGE BETWEEN INTERVAL '2' SECOND PRECEDING AND CURRENT ROW) AS n, MIN(fee) OVER (PARTITION BY side ORDER BY TIMESTAMP(1767605400000 + id * 150) RANGE BETWEEN INTERVAL '2' SECOND PRECEDING AND CURRENT ROW) AS lo FROM trades",
            "SELECT id, count(price) OVER w AS n, min(fee) OVER w AS lo FROM trades WINDOW w AS (PARTITION BY side ORDER BY epoch_ms(1767605400000 + id * 150) RANGE BETWEEN INTERVAL 2 SECOND PRECEDING AND CURRENT ROW)"),
        new("SUM over the last 3 seconds of event time that arrives out of order",
            "SELECT id, SUM(qty) OVER (PARTITION BY symbol ORDER BY _event_time RANGE BETWEEN INTERVAL '3' SECOND PRECEDING AND CURRENT ROW) AS s3 FROM trades",
            """
            WITH n AS (SELECT *, max(ts) OVER (PARTITION BY symbol ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS seen FROM trades)
            SELECT t.id,
                   (SELECT sum(u.qty) FROM n u
                    WHERE u.id = t.id
                       OR (u.id < t.id AND u.symbol IS NOT DISTINCT FROM t.symbol AND u.ts BETWEEN t.ts - 3000 AND t.ts AND u.ts >= t.seen - 3000)) AS s3
            FROM n t
            """,
            [EventTimeIsTs]),
    ];
}
