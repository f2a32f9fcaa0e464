namespace Velostream.Tests.Differential;

/// <summary>
/// Differential queries for RANGE frames with an offset. Over <c>id</c> (arrival order) the engine's
/// frame is SQL's; over <c>ts</c>, which arrives partly out of order, a row sees only the rows that
/// arrived before it and are still held (within the offset of the highest <c>ts</c> seen before it),
/// which DuckDB computes with a correlated subquery.
/// </summary>
internal static class DifferentialRestCases
{
    private const string EventTimeIsTs = "'trades.event.time.field' = 'ts'";

    public static readonly IReadOnlyList<DifferentialCase> All =
    [
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
