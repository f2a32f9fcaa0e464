namespace Velostream.Benchmarks.Data;

/// <summary>
/// Seeded market-data ticks as JSON lines of about 120 bytes:
/// <c>{"symbol":"AAPL","exchange":"NASDAQ","price":187.23,"volume":1200,"bid":187.21,"ask":187.25,"timestamp":1767605400123}</c>.
/// Prices are exact two-decimal random walks per symbol; event time advances at
/// <see cref="TicksPerSecond"/> with a little backwards jitter (never more than
/// <see cref="MaxJitterMs"/>), so a watermark of one second or more sees no late record.
/// </summary>
internal static class MarketDataGenerator
{
    /// <summary>2026-01-05T09:30:00Z, a market open.</summary>
    public const long StartEpochMs = 1_767_605_400_000;

    /// <summary>Event-time density: 1-second windows hold this many ticks across all symbols.</summary>
    public const int TicksPerSecond = 10_000;

    public const int MaxJitterMs = 250;

    public static JsonLines Generate(SymbolUniverse symbols, int count, int seed)
    {
        var random = new Random(seed);
        var cents = (long[])symbols.StartCents.Clone();
        var writer = new Utf8LineWriter(count * 124);
        for (var i = 0; i < count; i++)
        {
            var s = random.Next(symbols.Traded.Length);
            // A random walk in steps of about 0.05% of the price, never below one dollar.
            var step = Math.Max(1, cents[s] / 2_000);
            cents[s] = Math.Max(100, cents[s] + random.Next(-3, 4) * step);
            var spread = random.Next(1, 6);
            var timestamp = StartEpochMs + (long)i * 1_000 / TicksPerSecond - random.Next(0, MaxJitterMs + 1);
            writer.String("symbol", symbols.Traded[s])
                .String("exchange", symbols.ExchangeOf[s])
                .Cents("price", cents[s])
                .Integer("volume", 100L * random.Next(1, 51))
                .Cents("bid", cents[s] - spread)
                .Cents("ask", cents[s] + spread)
                .Integer("timestamp", timestamp)
                .EndLine();
        }
        return writer.ToJsonLines();
    }
}
