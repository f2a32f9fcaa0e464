namespace Velostream.Benchmarks.Data;

/// <summary>
/// Market data in a wider shape, about 147 bytes a line, with four-decimal prices and a short time field:
/// <c>{"symbol":"META","exchange":"ARCA","price":350.1497,"bid":350.1490,"ask":350.1504,"bid_size":600,"ask_size":200,"volume":13130,"ts":1767605400002}</c>.
/// Same walk, density and jitter as <see cref="MarketDataGenerator"/>, so the same windows and watermark apply.
/// </summary>
internal static class WideMarketDataGenerator
{
    public static JsonLines Generate(SymbolUniverse symbols, int count, int seed)
    {
        var random = new Random(seed);
        // Prices in ten-thousandths of a dollar.
        var units = symbols.StartCents.Select(c => c * 100).ToArray();
        var writer = new Utf8LineWriter(count * 150);
        for (var i = 0; i < count; i++)
        {
            var s = random.Next(symbols.Traded.Length);
            var step = Math.Max(1, units[s] / 2_000);
            units[s] = Math.Max(10_000, units[s] + random.Next(-3, 4) * step + random.Next(0, 10));
            var spread = random.Next(1, 20);
            var timestamp = MarketDataGenerator.StartEpochMs + (long)i * 1_000 / MarketDataGenerator.TicksPerSecond
                - random.Next(0, MarketDataGenerator.MaxJitterMs + 1);
            writer.String("symbol", symbols.Traded[s])
                .String("exchange", symbols.ExchangeOf[s])
                .Fixed("price", units[s], 4)
                .Fixed("bid", units[s] - spread, 4)
                .Fixed("ask", units[s] + spread, 4)
                .Integer("bid_size", 100L * random.Next(1, 51))
                .Integer("ask_size", 100L * random.Next(1, 51))
                .Integer("volume", random.Next(100, 20_000))
                .Integer("ts", timestamp)
                .EndLine();
        }
        return writer.ToJsonLines();
    }
}
