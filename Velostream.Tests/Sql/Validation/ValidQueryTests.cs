using Velostream.Engine.Sql;

namespace Velostream.Tests.Sql.Validation;

/// <summary>Queries the dialect accepts: validation must report nothing for them.</summary>
public sealed class ValidQueryTests
{
    private const string With = " WITH ('t.type' = 'kafka_source', 'u.type' = 'kafka_source')";

    [Theory]
    [InlineData("SELECT symbol AS s, COUNT(*) FROM t GROUP BY s")]
    [InlineData("SELECT t.symbol, COUNT(*) AS n FROM t GROUP BY symbol HAVING n > 2")]
    [InlineData("SELECT symbol, SUM(price * volume) / SUM(volume) AS vwap FROM t GROUP BY symbol")]
    [InlineData("SELECT UPPER(symbol), COUNT(*) FROM t GROUP BY UPPER(symbol)")]
    [InlineData("SELECT symbol, _window_start, _window_end, COUNT(*) FROM t WINDOW TUMBLING(1m) GROUP BY symbol EMIT FINAL")]
    [InlineData("SELECT symbol, TUMBLE_START(_event_time, INTERVAL '1' SECOND) AS s, AVG(price) FROM t WINDOW TUMBLING(_event_time, INTERVAL '1' SECOND) GROUP BY symbol")]
    [InlineData("SELECT COUNT(*), MAX(price) FROM t EMIT FINAL")]
    [InlineData("SELECT symbol, CASE WHEN AVG(price) > 100 THEN 'high' ELSE 'low' END AS band FROM t GROUP BY symbol")]
    [InlineData("SELECT symbol, COUNT(DISTINCT trader) FROM t WINDOW SESSION(ts, 30s) GROUP BY symbol")]
    [InlineData("SELECT symbol, STDDEV(price), VARIANCE(price), MEDIAN(price), FIRST_VALUE(price), LAST_VALUE(price) FROM t WINDOW SLIDING(ts, 10m, 1m) GROUP BY symbol")]
    [InlineData("SELECT symbol, price, LAG(price, 1) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol ORDER BY _event_time) AS prev FROM t")]
    [InlineData("SELECT a.id, b.id FROM t a JOIN u b ON a.id = b.id AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND")]
    [InlineData("SELECT m.symbol PRIMARY KEY, r.name, FLOOR(m.price / r.tick) * r.tick AS p FROM t m LEFT JOIN u r ON m.symbol = r.symbol EMIT CHANGES")]
    [InlineData("SELECT * FROM t WHERE symbol IN ('AAPL', 'MSFT') AND price BETWEEN 10 AND 20.5 AND venue LIKE 'X%' AND note IS NOT NULL LIMIT 5")]
    [InlineData("SELECT CAST('12' AS BIGINT), CAST('1.5' AS DECIMAL(10, 2)), CAST(price AS VARCHAR) || ' USD', COALESCE(bid, 0.0), NULLIF(a, 0) FROM t")]
    [InlineData("SELECT EXTRACT(HOUR FROM _event_time), NOW(), SUBSTRING(symbol, 1, 2), SPLIT_PART(pair, '/', 1), LENGTH(TRIM(name)) FROM t")]
    [InlineData("SELECT ROUND(price, 2), ABS(change), CEIL(x), SQRT(v), POWER(x, 2), MOD(v, 3), LEAST(a, b), GREATEST(a, b, c), REPLACE(s, 'a', 'b'), LOWER(s), CONCAT(a, b) FROM t")]
    [InlineData("SELECT _offset + 1, _partition, _topic, _key, _timestamp FROM t")]
    [InlineData("SELECT (NOW() - _event_time) / 1000.0 AS lag_seconds FROM t")]
    [InlineData("SELECT a FROM t WHERE ts > NOW() - INTERVAL '5' MINUTE")]
    public void Accepted(string query)
    {
        var result = SqlFrontEnd.Check(query + With, "app.sql");

        Assert.Empty(result.Diagnostics);
    }
}
