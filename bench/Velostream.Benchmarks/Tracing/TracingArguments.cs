using System.Globalization;
using System.Text;

namespace Velostream.Benchmarks.Tracing;

/// <summary>What the tracing benchmarks share: their <c>--records N --rounds N</c> arguments and S1's input.</summary>
internal static class TracingArguments
{
    private static readonly string[] Symbols = ["AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "META", "TSLA", "IBM"];

    /// <summary>Reads the arguments; false (usage printed) on anything else.</summary>
    public static bool TryParse(string[] args, string verb, TextWriter output, ref int records, ref int rounds)
    {
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--records": records = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    output.WriteLine($"usage: {verb} [--records N] [--rounds N]");
                    return false;
            }
        }
        return true;
    }

    /// <summary>The <paramref name="index"/>th S1 input record (market data as JSON), drawn from <paramref name="random"/>.</summary>
    public static byte[] MarketData(int index, Random random)
    {
        var price = 150m + random.Next(0, 10_000) / 100m;
        return Encoding.UTF8.GetBytes($$"""{"symbol":"{{Symbols[index % Symbols.Length]}}","exchange":"NASDAQ","price":{{price.ToString(CultureInfo.InvariantCulture)}},"volume":{{random.Next(100, 5000)}},"timestamp":{{1_767_600_000_000L + index}}}""");
    }
}
