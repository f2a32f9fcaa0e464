namespace Velostream.Benchmarks.Data;

/// <summary>
/// Two correlated streams for the interval join: orders, and executions that fill them.
/// Nine orders in ten get one execution whose event time lies between 2 s before and 14 s after
/// the order, so a ±10 s interval join on <c>order_id</c> finds a match for about three orders in
/// four and rejects the rest for being out of the interval or having no execution at all.
/// </summary>
/// <remarks>
/// <c>{"order_id":1000001,"symbol":"AAPL","side":"BUY","quantity":300,"limit_price":187.25,"account":"ACC-0042","timestamp":1767605400123}</c>
/// <c>{"exec_id":5000001,"order_id":1000001,"symbol":"AAPL","fill_price":187.24,"fill_qty":300,"venue":"NASDAQ","timestamp":1767605401456}</c>
/// </remarks>
internal static class OrderFlowGenerator
{
    /// <summary>Event-time density of the order stream; state for ±10 s holds ~20 s of both streams.</summary>
    public const int OrdersPerSecond = 2_000;

    public const int FillProbabilityPercent = 90;
    public const int MinDelayMs = -2_000;
    public const int MaxDelayMs = 14_000;

    /// <returns>The two streams, and how many order–execution pairs lie within ±<paramref name="joinIntervalMs"/>.</returns>
    public static (JsonLines Orders, JsonLines Executions, long Matches) Generate(SymbolUniverse symbols, int orderCount, int seed, long joinIntervalMs)
    {
        var random = new Random(seed);
        var orders = new Utf8LineWriter(orderCount * 124);
        var executions = new List<(long Timestamp, long OrderId, int Symbol, long Cents, long Quantity, int Delay)>(orderCount);
        for (var i = 0; i < orderCount; i++)
        {
            var orderId = 1_000_000L + i;
            var s = random.Next(symbols.Traded.Length);
            var cents = symbols.StartCents[s] + random.Next(-500, 501);
            var quantity = 100L * random.Next(1, 21);
            var timestamp = MarketDataGenerator.StartEpochMs + (long)i * 1_000 / OrdersPerSecond - random.Next(0, 101);
            orders.Integer("order_id", orderId)
                .String("symbol", symbols.Traded[s])
                .String("side", random.Next(2) == 0 ? "BUY" : "SELL")
                .Integer("quantity", quantity)
                .Cents("limit_price", cents)
                .String("account", $"ACC-{random.Next(10_000):D4}")
                .Integer("timestamp", timestamp)
                .EndLine();
            if (random.Next(100) < FillProbabilityPercent)
            {
                var delay = random.Next(MinDelayMs, MaxDelayMs + 1);
                executions.Add((timestamp + delay, orderId, s, cents + random.Next(-3, 4), quantity, delay));
            }
        }
        // Executions arrive in their own event-time order, as a venue would publish them.
        executions.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        var fills = new Utf8LineWriter(executions.Count * 124);
        var execId = 5_000_000L;
        var matches = executions.LongCount(e => Math.Abs(e.Delay) <= joinIntervalMs);
        foreach (var e in executions)
        {
            fills.Integer("exec_id", ++execId)
                .Integer("order_id", e.OrderId)
                .String("symbol", symbols.Traded[e.Symbol])
                .Cents("fill_price", e.Cents)
                .Integer("fill_qty", e.Quantity)
                .String("venue", symbols.ExchangeOf[e.Symbol])
                .Integer("timestamp", e.Timestamp)
                .EndLine();
        }
        return (orders.ToJsonLines(), fills.ToJsonLines(), matches);
    }
}
