namespace Velostream.Benchmarks.Scenarios;

/// <summary>The five scenarios of the benchmark, with their targets on the 2-core reference machine.</summary>
internal static class ScenarioCatalog
{
    public const long WindowMs = 1_000;

    /// <summary>Above the generator's jitter, so neither the engine nor the baseline drops a record as late.</summary>
    public const long MaxOutOfOrdernessMs = 1_000;

    public static readonly Scenario S1 = new(
        "S1", "filter + projection", 1_500_000,
        "SELECT symbol, price, volume FROM market_data WHERE price > 200",
        MaxBytesPerRecord: 64, MinBaselineRatio: 0.5);

    public static readonly Scenario S2 = new(
        "S2", "tumbling 1 s, GROUP BY symbol, 7 aggregates, EMIT FINAL", 1_000_000,
        """
        SELECT symbol, timestamp // 1000 * 1000 AS window_start,
               avg(price) AS avg_price, min(price) AS min_price, max(price) AS max_price,
               sum(volume) AS total_volume, count(*) AS trade_count,
               arg_min(price, seq) AS open_price, arg_max(price, seq) AS close_price
        FROM market_data
        GROUP BY symbol, window_start
        """,
        MaxBytesPerRecord: null, MinBaselineRatio: 0.5);

    public static readonly Scenario S3 = new(
        "S3", "S2 with EMIT CHANGES", 500_000, null, null, null);

    public static readonly Scenario S4 = new(
        "S4", "stream–table LEFT JOIN, 10,000-row table", 1_000_000, null, null, null);

    public static readonly Scenario S5 = new(
        "S5", "stream–stream interval join ±10 s", 300_000, null, null, null);

    public static IReadOnlyList<Scenario> All { get; } = [S1, S2, S3, S4, S5];
}
