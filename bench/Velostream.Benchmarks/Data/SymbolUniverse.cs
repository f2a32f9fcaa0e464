namespace Velostream.Benchmarks.Data;

/// <summary>
/// Seeded, unique ticker symbols: the ones that trade (market data, orders) and the ones that
/// only appear in the reference table. A fixed share of the traded symbols is deliberately left
/// out of the reference table so a stream–table LEFT JOIN sees both hits and misses.
/// </summary>
internal sealed class SymbolUniverse
{
    private static readonly string[] Exchanges = ["NASDAQ", "NYSE", "ARCA", "BATS"];

    private SymbolUniverse(string[] traded, string[] exchanges, long[] startCents, HashSet<string> unlisted, string[] referenceOnly)
    {
        Traded = traded;
        ExchangeOf = exchanges;
        StartCents = startCents;
        Unlisted = unlisted;
        ReferenceOnly = referenceOnly;
    }

    /// <summary>Symbols that appear in the streams.</summary>
    public string[] Traded { get; }

    /// <summary>The listing exchange of each traded symbol (same index as <see cref="Traded"/>).</summary>
    public string[] ExchangeOf { get; }

    /// <summary>The first price of each traded symbol in cents; from 20.00 to 400.00, so about half the records pass <c>price &gt; 200</c>.</summary>
    public long[] StartCents { get; }

    /// <summary>Traded symbols that the reference table does not list (the LEFT JOIN misses).</summary>
    public HashSet<string> Unlisted { get; }

    /// <summary>Symbols that only the reference table knows.</summary>
    public string[] ReferenceOnly { get; }

    /// <param name="tradedCount">Number of traded symbols (50–100 in the benchmarks).</param>
    /// <param name="referenceRows">Size of the reference table.</param>
    /// <param name="unlistedShare">Share of traded symbols missing from the reference table.</param>
    public static SymbolUniverse Create(int seed, int tradedCount, int referenceRows, double unlistedShare)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var traded = new string[tradedCount];
        for (var i = 0; i < tradedCount; i++)
        {
            traded[i] = NewTicker(random, seen, minLength: 2, maxLength: 4);
        }
        var exchanges = new string[tradedCount];
        var startCents = new long[tradedCount];
        var unlisted = new HashSet<string>(StringComparer.Ordinal);
        var unlistedCount = (int)Math.Round(tradedCount * unlistedShare);
        for (var i = 0; i < tradedCount; i++)
        {
            exchanges[i] = Exchanges[random.Next(Exchanges.Length)];
            startCents[i] = random.NextInt64(2_000, 40_000);
        }
        // Tickers are random, so the last ones are as good a sample as any.
        for (var i = tradedCount - unlistedCount; i < tradedCount; i++)
        {
            unlisted.Add(traded[i]);
        }
        var referenceOnly = new string[referenceRows - (tradedCount - unlistedCount)];
        for (var i = 0; i < referenceOnly.Length; i++)
        {
            referenceOnly[i] = NewTicker(random, seen, minLength: 3, maxLength: 5);
        }
        return new SymbolUniverse(traded, exchanges, startCents, unlisted, referenceOnly);
    }

    private static string NewTicker(Random random, HashSet<string> seen, int minLength, int maxLength)
    {
        Span<char> letters = stackalloc char[maxLength];
        while (true)
        {
            var length = random.Next(minLength, maxLength + 1);
            for (var i = 0; i < length; i++)
            {
                letters[i] = (char)('A' + random.Next(26));
            }
            var ticker = new string(letters[..length]);
            if (seen.Add(ticker))
            {
                return ticker;
            }
        }
    }
}
