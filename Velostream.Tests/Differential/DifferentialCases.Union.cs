namespace Velostream.Tests.Differential;

/// <summary>
/// Differential queries for UNION ALL: every SELECT runs over its own source into the one sink, so the
/// rows of the branches interleave in no defined order and compare as multisets. Columns are named by
/// the first SELECT; a number column widens to the type both branches share (DOUBLE over BIGINT), as in DuckDB.
/// </summary>
internal static class DifferentialUnionCases
{
    public static readonly IReadOnlyList<DifferentialCase> All =
    [
        new("UNION ALL of two filtered projections of one stream",
            "SELECT id, symbol, price FROM trades WHERE price > 450 UNION ALL SELECT id, symbol, price * -1 FROM trades WHERE price < -40",
            "SELECT id, symbol, price FROM trades WHERE price > 450 UNION ALL SELECT id, symbol, price * -1 FROM trades WHERE price < -40"),
        new("UNION ALL of two sources, an integer column widened to DOUBLE",
            "SELECT id, CAST(qty AS BIGINT) AS amount, 'trade' AS kind FROM trades WHERE qty > 980 UNION ALL SELECT qid, CAST(bid AS DOUBLE), 'quote' FROM quotes WHERE bid > 480",
            "SELECT id, CAST(qty AS BIGINT) AS amount, 'trade' AS kind FROM trades WHERE qty > 980 UNION ALL SELECT qid, CAST(bid AS DOUBLE), 'quote' FROM quotes WHERE bid > 480"),
        new("UNION ALL of an aggregate with EMIT FINAL beside a projection",
            "SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol EMIT FINAL UNION ALL SELECT symbol, qty FROM trades WHERE qty > 995",
            "SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol UNION ALL SELECT symbol, qty FROM trades WHERE qty > 995"),
        new("UNION ALL of tumbling-window counts over two streams",
            "SELECT 'trades' AS stream, COUNT(*) AS n, SUM(qty) AS total FROM trades WINDOW TUMBLING(ts, 60s) UNION ALL SELECT 'quotes', COUNT(*), SUM(qid) FROM quotes WINDOW TUMBLING(ts, 60s)",
            """
            SELECT 'trades' AS stream, count(*) AS n, sum(qty) AS total FROM trades GROUP BY ts // 60000
            UNION ALL SELECT 'quotes', count(*), sum(qid) FROM quotes GROUP BY ts // 60000
            """,
            [DifferentialDataSet.Watermark]),
    ];
}
