using System.Globalization;

namespace Velostream.Engine.Feed;

/// <summary>Options of the <c>feed</c> verb.</summary>
internal sealed record FeedOptions
{
    public double Rate { get; init; } = 1000;

    public int Seed { get; init; } = 42;

    /// <summary>Records to send in total; 0 runs until stopped.</summary>
    public long Count { get; init; }

    public IReadOnlyList<string> Topics { get; init; } = TradingTopics.All;

    /// <summary>Overrides <c>ConnectionStrings__kafka</c>.</summary>
    public string? BootstrapServers { get; init; }

    public const string Usage =
        "usage: feed [--rate <records/s>] [--seed <n>] [--count <n>] [--topics a,b,...] [--bootstrap-servers <host:port>]";

    public static FeedOptions? Parse(string[] args, List<string> errors)
    {
        var options = new FeedOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                errors.Add($"option '{name}' needs a value");
                break;
            }
            var value = args[++i];
            switch (name)
            {
                case "--rate" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0:
                    options = options with { Rate = rate };
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--count" when long.TryParse(value, CultureInfo.InvariantCulture, out var count) && count >= 0:
                    options = options with { Count = count };
                    break;
                case "--topics":
                    var topics = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = topics.Where(t => !TradingTopics.All.Contains(t)).ToList();
                    if (unknown.Count > 0 || topics.Length == 0)
                    {
                        errors.Add($"--topics: unknown topic(s) {string.Join(", ", unknown)}; known: {string.Join(", ", TradingTopics.All)}");
                    }
                    options = options with { Topics = topics };
                    break;
                case "--bootstrap-servers":
                    options = options with { BootstrapServers = value };
                    break;
                case "--rate" or "--seed" or "--count":
                    errors.Add($"option '{name}': invalid value '{value}'");
                    break;
                default:
                    errors.Add($"unknown option '{name}'");
                    break;
            }
        }
        return errors.Count == 0 ? options : null;
    }
}
