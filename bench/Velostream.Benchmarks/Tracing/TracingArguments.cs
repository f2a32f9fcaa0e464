using System.Diagnostics;
using System.Globalization;
using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Telemetry;

namespace Velostream.Benchmarks.Tracing;

/// <summary>What the tracing benchmarks share: their arguments and S1's input.</summary>
internal static class TracingArguments
{
    private static readonly string[] Symbols = ["AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "META", "TSLA", "IBM"];

    /// <summary>Reads the arguments; null (usage printed) on anything else.</summary>
    public static TracingOptions? TryParse(string[] args, string verb, TextWriter output, TracingOptions defaults)
    {
        var options = defaults;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--records": options = options with { Records = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--rounds": options = options with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--warmup": options = options with { WarmupRounds = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--input" when value is "untraced" or "traced": options = options with { TracedInput = value == "traced" }; break;
                default:
                    return Usage();
            }
        }
        return args.Length % 2 != 0 || options.Records <= 0 || options.Rounds <= 0 || options.WarmupRounds < 0 ? Usage() : options;

        TracingOptions? Usage()
        {
            output.WriteLine($"usage: {verb} [--records N] [--rounds N] [--warmup N] [--input untraced|traced]");
            return null;
        }
    }

    /// <summary>
    /// The headers a traced producer (the feed) gives a message: its <c>send</c> span's context, sampled with
    /// probability <paramref name="sampledRatio"/>.
    /// </summary>
    public static RecordHeaders ProducerContext(Random random, double sampledRatio)
    {
        var flags = random.NextDouble() < sampledRatio ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None;
        var headers = new RecordHeaders();
        TraceContextHeaders.Inject(new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), flags), headers);
        return headers;
    }

    /// <summary>The <paramref name="index"/>th S1 input record (market data as JSON), drawn from <paramref name="random"/>.</summary>
    public static byte[] MarketData(int index, Random random)
    {
        var price = 150m + random.Next(0, 10_000) / 100m;
        return Encoding.UTF8.GetBytes($$"""{"symbol":"{{Symbols[index % Symbols.Length]}}","exchange":"NASDAQ","price":{{price.ToString(CultureInfo.InvariantCulture)}},"volume":{{random.Next(100, 5000)}},"timestamp":{{1_767_600_000_000L + index}}}""");
    }
}

/// <summary>
/// The tracing benchmarks' arguments: records per run, measured rounds, warm-up rounds run first and not
/// counted, and whether the input carries the trace context of a traced producer (the feed) or none.
/// </summary>
internal sealed record TracingOptions(int Records, int Rounds, int WarmupRounds, bool TracedInput);
