using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Velostream.Engine.Api;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Demo.Feed;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Demo;

/// <summary>
/// Everything in one process: the embedded broker, the trading feed, the trading application's jobs
/// and a live view of them. Stopping stops the feed first, then the jobs (flush, commit), then the broker.
/// </summary>
internal sealed class TradingDemo(DemoOptions options, ILoggerFactory loggers)
{
    public static string DefaultApplication => Path.Combine(AppContext.BaseDirectory, "apps", "trading.sql");

    /// <summary>The jobs of the last run (for the closing summary and tests).</summary>
    public IReadOnlyList<ManagedJob> Jobs { get; private set; } = [];

    public async Task<int> RunAsync(CancellationToken stop)
    {
        var path = Path.GetFullPath(options.Application ?? DefaultApplication);
        // The broker's start-up warning (data in memory only, its address) is in the view's caption instead:
        // printed above the live table it wrapped and pushed the table down.
        using var cluster = EmbeddedKafkaCluster.Start(1, options.Plain ? loggers.CreateLogger("Velostream.EmbeddedKafka") : null);
        foreach (var topic in TradingTopics.All)
        {
            cluster.CreateTopic(topic);
        }
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new($"ConnectionStrings:{KafkaConnection.ConnectionStringName}", cluster.BootstrapServers)])
            .Build();
        var host = new JobHost(configuration, loggers.CreateLogger<JobHost>(), VelostreamTelemetry.Default, cluster, new TelemetryJobObserver(VelostreamTelemetry.Default));
        var deployed = host.Deploy(await File.ReadAllTextAsync(path, stop), path, Path.GetDirectoryName(path));
        if (!deployed.Succeeded)
        {
            foreach (var diagnostic in deployed.Diagnostics)
            {
                Console.Error.WriteLine(diagnostic);
            }
            Console.Error.WriteLine(deployed.Conflict);
            return Cli.CommandLine.InvalidInput;
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(stop);
        if (options.Duration > 0)
        {
            run.CancelAfter(TimeSpan.FromSeconds(options.Duration));
        }
        var feed = new TradingFeed(new FeedOptions { Rate = options.Rate, Seed = options.Seed },
            new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers }, VelostreamTelemetry.Default);
        var watcher = new OutputWatcher();
        var feeding = Task.Run(() => feed.RunAsync(run.Token), CancellationToken.None);
        // The watcher's consumer blocks its thread while it waits, as the jobs' do.
        var watching = Velostream.Engine.Jobs.OwnThread.Run(() => watcher.RunAsync(cluster.BootstrapServers, deployed.Jobs, run.Token));
        await new DemoView(host, watcher, () => feed.Sent, cluster.BootstrapServers).RunAsync(options.Plain, run.Token);

        await feeding;
        await host.StopAsync(CancellationToken.None);
        await watching;
        Jobs = host.Jobs.ToList();
        foreach (var job in host.Jobs)
        {
            Console.WriteLine(job.Stats.Summary(job.Name) + (job.Stats.LastError is { } error ? $" last error: {error}" : ""));
        }
        return host.Jobs.Any(j => j.Stats.State == Velostream.Engine.Jobs.JobState.Failed) ? Cli.CommandLine.RuntimeFailure : Cli.CommandLine.Success;
    }
}
