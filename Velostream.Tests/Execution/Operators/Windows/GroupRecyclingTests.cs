using System.Globalization;
using System.Text;
using System.Text.Json;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.InProcess;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators.Windows;

/// <summary>
/// Groups of closed windows are reused for the windows to come: results stay those of fresh groups, and a
/// steady stream of windows (the S2 benchmark's query) allocates nothing per record.
/// </summary>
public sealed class GroupRecyclingTests
{
    // 2026-01-05T09:30:00Z
    private const long T0 = 1767605400000;
    private const int PerWindow = 1000;

    // Keys of different lengths, so a reused store key or key buffer may be shorter or longer than the new key.
    private static readonly string[] Symbols = ["A", "BB", "CCCCCCCCCCCCCCCCCCCCCCCC", "DDDD", "EEEEE", "F", "GGGGGGGGGG", "HHHHHHHH"];
    private static readonly string[] Exchanges = ["X", "NASDAQ-GLOBAL-SELECT-MARKET", "NYSE"];

    private const string S2 = """
        SELECT symbol, _window_start AS window_start,
               AVG(price) AS avg_price, MIN(price) AS min_price, MAX(price) AS max_price,
               SUM(volume) AS total_volume, COUNT(*) AS trade_count,
               FIRST_VALUE(price) AS open_price, LAST_VALUE(price) AS close_price
        FROM market_data
        GROUP BY symbol
        WINDOW TUMBLING(ts, INTERVAL '1' SECOND)
        EMIT FINAL
        """;

    private static string With => InProcess.Sources("market_data")[..^1] + ", 'execution.threads' = '1', 'watermark.max_out_of_orderness' = '1s')";

    private sealed record Trade(string Symbol, string Exchange, decimal Price, long Volume, long Ts);

    /// <summary>
    /// One second's trades, over its first <paramref name="spreadMs"/>: second <paramref name="w"/> holds a
    /// subset of the symbols that changes from second to second.
    /// </summary>
    private static List<Trade> Window(int w, Random random, int spreadMs = 1000)
    {
        var symbols = w % 3 == 0 ? Symbols[(w % Symbols.Length)..] : Symbols;
        var trades = new List<Trade>(PerWindow);
        for (var i = 0; i < PerWindow; i++)
        {
            trades.Add(new Trade(
                symbols[random.Next(symbols.Length)],
                Exchanges[random.Next(Exchanges.Length)],
                random.Next(1_000_000, 3_000_000) / 10_000m,
                random.Next(1, 1000),
                T0 + w * 1000L + i * (long)spreadMs / PerWindow));
        }
        return trades;
    }

    private static SourceBatch Batch(List<Trade> trades, ref long offset)
    {
        var batch = new SourceBatch(trades.Count);
        foreach (var t in trades)
        {
            ref var r = ref batch.Add();
            r.Value = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $$"""{"symbol":"{{t.Symbol}}","exchange":"{{t.Exchange}}","price":{{t.Price}},"volume":{{t.Volume}},"ts":{{t.Ts}}}"""));
            r.Topic = "market_data";
            r.Offset = ++offset;
            r.TimestampMs = -1;
        }
        return batch;
    }

    [Theory]
    [InlineData("TUMBLING(ts, INTERVAL '1' SECOND)", 1000)]
    [InlineData("SESSION(ts, 200ms)", 500)]
    public void Windows_after_the_first_give_the_results_of_fresh_groups(string windowClause, int spreadMs)
    {
        var sql = $"""
            SELECT symbol, _window_start AS window_start, COUNT(*) AS n, MIN(price) AS lo, MAX(price) AS hi, AVG(price) AS avg,
                   SUM(volume) AS vol, FIRST_VALUE(price) AS first, LAST_VALUE(price) AS last,
                   MIN(exchange) AS min_ex, MAX(exchange) AS max_ex, FIRST_VALUE(exchange) AS first_ex, LAST_VALUE(exchange) AS last_ex
            FROM market_data GROUP BY symbol WINDOW {windowClause} EMIT FINAL
            """;
        var query = InProcessQuery.Create($"{sql} {With}");
        var random = new Random(11);
        // With sessions, each symbol's trades of one second are one session: the gap to the next second's is longer.
        var windows = Enumerable.Range(0, 30).Select(w => Window(w, random, spreadMs)).ToList();
        long offset = 0;
        foreach (var window in windows)
        {
            query.Push("market_data", Batch(window, ref offset));
        }
        query.Finish();

        var expected = windows.SelectMany(window => window.GroupBy(t => t.Symbol).Select(g => new
        {
            symbol = g.Key,
            window_start = DateTimeOffset.FromUnixTimeMilliseconds(spreadMs == 1000 ? g.First().Ts / 1000 * 1000 : g.First().Ts).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            n = (long)g.Count(),
            lo = g.Min(t => t.Price),
            hi = g.Max(t => t.Price),
            avg = g.Sum(t => t.Price) / g.Count(),
            vol = g.Sum(t => t.Volume),
            first = g.First().Price,
            last = g.Last().Price,
            min_ex = g.Select(t => t.Exchange).Min(StringComparer.Ordinal),
            max_ex = g.Select(t => t.Exchange).Max(StringComparer.Ordinal),
            first_ex = g.First().Exchange,
            last_ex = g.Last().Exchange,
        }.ToString())).Order(StringComparer.Ordinal).ToList();
        var actual = query.Output.Lines.Select(line =>
        {
            var row = JsonDocument.Parse(line).RootElement;
            return new
            {
                symbol = row.GetProperty("symbol").GetString(),
                window_start = row.GetProperty("window_start").GetString(),
                n = row.GetProperty("n").GetInt64(),
                lo = row.GetProperty("lo").GetDecimal(),
                hi = row.GetProperty("hi").GetDecimal(),
                avg = row.GetProperty("avg").GetDecimal(),
                vol = row.GetProperty("vol").GetInt64(),
                first = row.GetProperty("first").GetDecimal(),
                last = row.GetProperty("last").GetDecimal(),
                min_ex = row.GetProperty("min_ex").GetString(),
                max_ex = row.GetProperty("max_ex").GetString(),
                first_ex = row.GetProperty("first_ex").GetString(),
                last_ex = row.GetProperty("last_ex").GetString(),
            }.ToString();
        }).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Steady_state_windows_allocate_nothing_per_record()
    {
        const int warmUp = 40, measured = 80;
        var query = InProcessQuery.Create($"{S2} {With}", keepOutput: false);
        var random = new Random(5);
        long offset = 0;
        var batches = Enumerable.Range(0, warmUp + measured).Select(w => Batch(Window(w, random), ref offset)).ToList();
        for (var w = 0; w < warmUp; w++)
        {
            query.Push("market_data", batches[w]);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var w = warmUp; w < warmUp + measured; w++)
        {
            query.Push("market_data", batches[w]);
        }
        var perRecord = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(measured * PerWindow);
        Assert.True(query.Output.Count >= (warmUp + measured - 2) * 5, $"only {query.Output.Count} rows written");
        Assert.True(perRecord < 0.5, $"{perRecord:0.00} bytes allocated per record in steady state");
    }
}
