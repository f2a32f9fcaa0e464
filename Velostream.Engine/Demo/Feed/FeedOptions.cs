using Velostream.Engine.Cli;

namespace Velostream.Engine.Demo.Feed;

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
        "usage: feed [--rate <records/s>] [--seed <n>] [--count <n>] [--topics a,b,...] [--bootstrap-servers <host:port>]\n" +
        "  --rate <records/s>        records per second over all topics (default 1000)\n" +
        "  --seed <n>                seed of the generated data; the same seed gives the same records (default 42)\n" +
        "  --count <n>               records to send in total (default 0: until stopped)\n" +
        "  --topics a,b,...          market_data, market_data_a, market_data_b, order_book, trading_positions (default all)\n" +
        "  --bootstrap-servers <h:p> Kafka to send to (default ConnectionStrings__kafka)";

    public static FeedOptions? Parse(string[] args, List<string> errors)
    {
        var options = new FeedOptions();
        OptionReader.Read(args, [], (name, value) =>
        {
            switch (name)
            {
                case "--rate" when OptionReader.TryRate(value!, out var rate):
                    options = options with { Rate = rate };
                    return true;
                case "--seed" when OptionReader.TryInt(value!, out var seed):
                    options = options with { Seed = seed };
                    return true;
                case "--count" when OptionReader.TryNonNegative(value!, out var count):
                    options = options with { Count = count };
                    return true;
                case "--topics":
                    var topics = value!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = topics.Where(t => !TradingTopics.All.Contains(t)).ToList();
                    if (unknown.Count > 0 || topics.Length == 0)
                    {
                        errors.Add($"--topics: unknown topic(s) {string.Join(", ", unknown)}; known: {string.Join(", ", TradingTopics.All)}");
                    }
                    options = options with { Topics = topics };
                    return true;
                case "--bootstrap-servers":
                    options = options with { BootstrapServers = value };
                    return true;
                case "--rate" or "--seed" or "--count":
                    OptionReader.Invalid(errors, name, value!);
                    return true;
                default:
                    return false;
            }
        }, errors);
        return errors.Count == 0 ? options : null;
    }
}
