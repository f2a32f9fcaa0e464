namespace Velostream.Benchmarks.Data;

/// <summary>
/// The instrument reference table for the stream–table join: one JSON line per symbol,
/// <c>{"symbol":"AAPL","name":"Aapl Holdings","sector":"Technology","industry":"Software","country":"US","market_cap":123456000000}</c>.
/// It lists every traded symbol except <see cref="SymbolUniverse.Unlisted"/>, padded with
/// reference-only symbols to the requested row count, in a shuffled order.
/// </summary>
internal static class ReferenceTableGenerator
{
    private static readonly (string Sector, string[] Industries)[] Sectors =
    [
        ("Technology", ["Software", "Semiconductors", "Hardware"]),
        ("Financials", ["Banks", "Insurance", "Asset Management"]),
        ("Health Care", ["Pharmaceuticals", "Biotechnology", "Medical Devices"]),
        ("Energy", ["Oil & Gas", "Renewables"]),
        ("Industrials", ["Aerospace", "Machinery", "Transportation"]),
        ("Consumer", ["Retail", "Food & Beverage", "Apparel"]),
    ];

    private static readonly string[] Suffixes = ["Holdings", "Group", "Corp.", "Inc.", "Ltd.", "Technologies"];

    private static readonly string[] Countries = ["US", "US", "US", "GB", "DE", "JP", "CA"];

    public static JsonLines Generate(SymbolUniverse symbols, int seed)
    {
        var random = new Random(seed);
        var listed = symbols.Traded.Where(s => !symbols.Unlisted.Contains(s)).Concat(symbols.ReferenceOnly).ToArray();
        random.Shuffle(listed);
        var writer = new Utf8LineWriter(listed.Length * 140);
        foreach (var symbol in listed)
        {
            var (sector, industries) = Sectors[random.Next(Sectors.Length)];
            var name = symbol[0] + symbol[1..].ToLowerInvariant() + " " + Suffixes[random.Next(Suffixes.Length)];
            writer.String("symbol", symbol)
                .String("name", name)
                .String("sector", sector)
                .String("industry", industries[random.Next(industries.Length)])
                .String("country", Countries[random.Next(Countries.Length)])
                .Integer("market_cap", random.NextInt64(50, 3_000_000) * 1_000_000)
                .EndLine();
        }
        return writer.ToJsonLines();
    }
}
