namespace Velostream.Benchmarks.Scenarios;

/// <summary>The five scenarios of the benchmark, with their targets on the 2-core reference machine.</summary>
internal static class ScenarioCatalog
{
    public const long WindowMs = 1_000;

    /// <summary>Above the market data's jitter, so neither the engine nor the baseline drops a record as late.</summary>
    public const long MaxOutOfOrdernessMs = 1_000;

    // The sources are declared as the validator requires; the benchmark feeds them from memory, so the paths are never opened.
    private const string MarketData = "'market_data.type' = 'file_source', 'market_data.path' = 'market_data.jsonl'";

    /// <summary>S2's SELECT (without EMIT and WITH): 1 s tumbling windows on <paramref name="timeField"/>, GROUP BY symbol, 7 aggregates.</summary>
    public static string AggregatesOver(string timeField) => $"""
        SELECT symbol, _window_start AS window_start,
               AVG(price) AS avg_price, MIN(price) AS min_price, MAX(price) AS max_price,
               SUM(volume) AS total_volume, COUNT(*) AS trade_count,
               FIRST_VALUE(price) AS open_price, LAST_VALUE(price) AS close_price
        FROM market_data
        GROUP BY symbol
        WINDOW TUMBLING({timeField}, INTERVAL '1' SECOND)
        """;

    private static readonly string Aggregates = AggregatesOver("timestamp");

    private const string Watermark = "'watermark.max_out_of_orderness' = '1s'";

    public static readonly Scenario S1 = new(
        "S1", "filter + projection",
        $"SELECT symbol, price, volume FROM market_data WHERE price > 200 WITH ({MarketData})",
        1_500_000,
        DuckDbQuery: "SELECT symbol, price, volume FROM market_data WHERE price > 200",
        MaxBytesPerRecord: 64, MinBaselineRatio: 0.5);

    public static readonly Scenario S2 = new(
        "S2", "tumbling 1 s, GROUP BY symbol, 7 aggregates, EMIT FINAL",
        $"{Aggregates} EMIT FINAL WITH ({MarketData}, {Watermark})",
        1_000_000,
        DuckDbQuery: """
            SELECT symbol, timestamp // 1000 * 1000 AS window_start,
                   avg(price) AS avg_price, min(price) AS min_price, max(price) AS max_price,
                   sum(volume) AS total_volume, count(*) AS trade_count,
                   arg_min(price, seq) AS open_price, arg_max(price, seq) AS close_price
            FROM market_data
            GROUP BY symbol, window_start
            """,
        MinBaselineRatio: 0.5);

    public static readonly Scenario S3 = new(
        "S3", "S2 with EMIT CHANGES",
        $"{Aggregates} EMIT CHANGES WITH ({MarketData}, {Watermark})",
        500_000);

    public static readonly Scenario S4 = new(
        "S4", "stream–table LEFT JOIN, 10,000-row table",
        $"""
        SELECT m.symbol, m.price, m.volume, r.name, r.sector
        FROM market_data m LEFT JOIN instruments r ON m.symbol = r.symbol
        WITH ({MarketData}, 'instruments.type' = 'file_source', 'instruments.path' = 'instruments.jsonl')
        """,
        1_000_000);

    public static readonly Scenario S5 = new(
        "S5", "stream–stream interval join ±10 s",
        """
        SELECT o.order_id, o.symbol, o.quantity, o.limit_price, e.fill_price, e.fill_qty, e.timestamp AS fill_time
        FROM orders o
        JOIN executions e ON o.order_id = e.order_id
         AND e.timestamp BETWEEN o.timestamp - INTERVAL '10' SECOND AND o.timestamp + INTERVAL '10' SECOND
        WITH ('orders.type' = 'file_source', 'orders.path' = 'orders.jsonl',
              'executions.type' = 'file_source', 'executions.path' = 'executions.jsonl',
              'watermark.max_out_of_orderness' = '5s')
        """,
        300_000);

    public static IReadOnlyList<Scenario> All { get; } = [S1, S2, S3, S4, S5];
}
