namespace Velostream.Benchmarks.Data;

/// <summary>Every data set the scenarios read, generated once per run from one seed.</summary>
internal sealed class BenchmarkData
{
    public const int TradedSymbols = 100;
    public const int ReferenceRows = 10_000;
    public const double UnlistedShare = 0.1;

    /// <summary>The interval join's bound, ±10 s.</summary>
    public const long JoinIntervalMs = 10_000;

    private BenchmarkData(JsonLines marketData, JsonLines reference, JsonLines orders, JsonLines executions, long orderMatches)
    {
        OrderMatches = orderMatches;
        MarketData = marketData;
        Reference = reference;
        Orders = orders;
        Executions = executions;
    }

    public JsonLines MarketData { get; }
    public JsonLines Reference { get; }
    public JsonLines Orders { get; }
    public JsonLines Executions { get; }

    /// <summary>Order–execution pairs within ±<see cref="JoinIntervalMs"/>: the interval join's exact output row count.</summary>
    public long OrderMatches { get; }

    /// <param name="records">Market-data records; the order flow has about as many records in its two streams together.</param>
    public static BenchmarkData Generate(int records, int seed)
    {
        var symbols = SymbolUniverse.Create(seed, TradedSymbols, ReferenceRows, UnlistedShare);
        var marketData = MarketDataGenerator.Generate(symbols, records, seed + 1);
        var reference = ReferenceTableGenerator.Generate(symbols, seed + 2);
        // 1 + 0.9 records per order: this keeps both streams together at about `records`.
        var (orders, executions, matches) = OrderFlowGenerator.Generate(symbols, (int)(records / 1.9), seed + 3, JoinIntervalMs);
        return new BenchmarkData(marketData, reference, orders, executions, matches);
    }
}
