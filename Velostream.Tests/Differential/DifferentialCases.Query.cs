namespace Velostream.Tests.Differential;

/// <summary>
/// Differential queries for subqueries (planned as semi joins, anti joins and scalar lookups against
/// the instruments table) and for reusing an earlier SELECT alias. DuckDB reads the reused alias as
/// the expression it names, written out in its query.
/// </summary>
internal static class DifferentialQueryCases
{
    public static readonly IReadOnlyList<DifferentialCase> All =
    [
        new("EXISTS with a correlated equality and a table filter",
            "SELECT t.id, t.symbol FROM trades t WHERE EXISTS (SELECT 1 FROM instruments i WHERE i.symbol = t.symbol AND i.sector = 'Technology')",
            "SELECT t.id, t.symbol FROM trades t WHERE EXISTS (SELECT 1 FROM instruments i WHERE i.symbol = t.symbol AND i.sector = 'Technology')"),
        new("NOT EXISTS keeps unlisted and NULL symbols",
            "SELECT t.id, t.symbol FROM trades t WHERE NOT EXISTS (SELECT 1 FROM instruments i WHERE i.symbol = t.symbol)",
            "SELECT t.id, t.symbol FROM trades t WHERE NOT EXISTS (SELECT 1 FROM instruments i WHERE i.symbol = t.symbol)"),
        new("EXISTS without an equality checks every table row",
            "SELECT t.id, t.qty FROM trades t WHERE EXISTS (SELECT 1 FROM instruments i WHERE i.lot_size * 3 < t.qty AND i.multiplier > 1.2)",
            "SELECT t.id, t.qty FROM trades t WHERE EXISTS (SELECT 1 FROM instruments i WHERE i.lot_size * 3 < t.qty AND i.multiplier > 1.2)"),
        new("IN (SELECT) with unqualified names inside the subquery",
            "SELECT id, symbol, qty FROM trades WHERE qty > 100 AND symbol IN (SELECT symbol FROM instruments WHERE lot_size >= 500)",
            "SELECT id, symbol, qty FROM trades WHERE qty > 100 AND symbol IN (SELECT symbol FROM instruments WHERE lot_size >= 500)"),
        new("NOT IN (SELECT) drops NULL operands",
            "SELECT id, symbol FROM trades WHERE symbol NOT IN (SELECT symbol FROM instruments WHERE sector = 'Technology' OR sector IS NULL)",
            "SELECT id, symbol FROM trades WHERE symbol NOT IN (SELECT symbol FROM instruments WHERE sector = 'Technology' OR sector IS NULL)"),
        new("scalar subquery in SELECT, NULL without a match",
            "SELECT t.id, (SELECT i.sector FROM instruments i WHERE i.symbol = t.symbol) AS sector, t.price * (SELECT i2.multiplier FROM instruments i2 WHERE i2.symbol = t.symbol) AS adjusted FROM trades t",
            "SELECT t.id, (SELECT i.sector FROM instruments i WHERE i.symbol = t.symbol) AS sector, t.price * (SELECT i2.multiplier FROM instruments i2 WHERE i2.symbol = t.symbol) AS adjusted FROM trades t"),
        new("scalar subquery compared in WHERE",
            "SELECT t.id, t.qty FROM trades t WHERE t.qty >= (SELECT i.lot_size FROM instruments i WHERE i.symbol = t.symbol)",
            "SELECT t.id, t.qty FROM trades t WHERE t.qty >= (SELECT i.lot_size FROM instruments i WHERE i.symbol = t.symbol)"),
        new("semi and anti joins together with a stream-table join",
            "SELECT t.id, i.lot_size FROM trades t JOIN instruments i ON t.symbol = i.symbol WHERE t.side = 'BUY' AND NOT EXISTS (SELECT 1 FROM instruments x WHERE x.symbol = t.symbol AND x.sector = 'Energy')",
            "SELECT t.id, i.lot_size FROM trades t JOIN instruments i ON t.symbol = i.symbol WHERE t.side = 'BUY' AND NOT EXISTS (SELECT 1 FROM instruments x WHERE x.symbol = t.symbol AND x.sector = 'Energy')"),
        new("reusing an earlier SELECT alias",
            "SELECT id, price * qty AS notional, notional - fee AS net FROM trades",
            "SELECT id, price * qty AS notional, price * qty - fee AS net FROM trades"),
        new("reusing a chain of aliases in CASE",
            "SELECT id, price - fee AS net, net * 2 AS doubled, CASE WHEN doubled > 500 THEN 'big' WHEN doubled IS NULL THEN 'none' ELSE 'small' END AS size FROM trades",
            "SELECT id, price - fee AS net, (price - fee) * 2 AS doubled, CASE WHEN (price - fee) * 2 > 500 THEN 'big' WHEN (price - fee) * 2 IS NULL THEN 'none' ELSE 'small' END AS size FROM trades"),
        new("reusing an aggregate's alias in a grouped query",
            "SELECT symbol, SUM(qty) AS total, COUNT(*) AS n, total + n AS score FROM trades GROUP BY symbol EMIT FINAL",
            "SELECT symbol, SUM(qty) AS total, COUNT(*) AS n, SUM(qty) + COUNT(*) AS score FROM trades GROUP BY symbol"),
    ];
}
