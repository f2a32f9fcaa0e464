using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Demo.Feed;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Cli;

/// <summary><c>feed</c>: the trading demo's market-data generator.</summary>
internal static class FeedCommand
{
    public static int Run(string[] args)
    {
        var telemetryOptions = TelemetryCommandLine.Parse(args);
        args = telemetryOptions.RemainingArguments;
        var errors = new List<string>(telemetryOptions.Errors);
        var options = FeedOptions.Parse(args, errors);
        var bootstrap = options?.BootstrapServers ?? KafkaConnection.BootstrapServers(KafkaConnection.FromEnvironment());
        if (options is not null && bootstrap is null)
        {
            errors.Add("no Kafka bootstrap servers: set ConnectionStrings__kafka or pass --bootstrap-servers");
        }
        if (options is null || bootstrap is null || errors.Count > 0)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"feed: {error}");
            }
            Console.Error.WriteLine(FeedOptions.Usage);
            Console.Error.WriteLine(TelemetryCommandLine.Usage);
            return CommandLine.InvalidInput;
        }
        using var telemetry = TelemetryHost.Start("trading-feed", telemetryOptions.Configuration, out var telemetryErrors);
        if (telemetry is null)
        {
            foreach (var error in telemetryErrors)
            {
                Console.Error.WriteLine($"feed: {error}");
            }
            return CommandLine.InvalidInput;
        }
        using var stop = new StopSignal("feed");
        var feed = new TradingFeed(options, new Dictionary<string, string> { ["bootstrap.servers"] = bootstrap }, VelostreamTelemetry.Default);
        Console.Error.WriteLine(
            $"feed: {options.Rate:0.#} records/s to {string.Join(", ", options.Topics)} on {bootstrap} (seed {options.Seed}"
            + (options.Count > 0 ? $", {options.Count} records)" : ", until stopped)"));
        try
        {
            feed.RunAsync(stop.Token).GetAwaiter().GetResult();
        }
        catch (Confluent.Kafka.KafkaException e)
        {
            Console.Error.WriteLine($"feed: {e.Message}");
            return CommandLine.RuntimeFailure;
        }
        Console.Error.WriteLine($"feed: {feed.Sent} records acknowledged");
        if (feed.Unacknowledged > 0)
        {
            Console.Error.WriteLine($"feed: {feed.Unacknowledged} records were not acknowledged by the broker within {feed.FlushTimeout.TotalSeconds:0} s of stopping");
            return CommandLine.RuntimeFailure;
        }
        return CommandLine.Success;
    }
}
