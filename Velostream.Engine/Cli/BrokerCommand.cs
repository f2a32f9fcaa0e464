using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;

namespace Velostream.Engine.Cli;

/// <summary>
/// <c>broker [app.sql…] [--port n] [--topic name[:partitions]]…</c>: the embedded Kafka broker as a
/// process of its own, for other processes on this machine (the AppHost's embedded profile). It creates
/// the topics that the applications' Kafka connectors name (the mock cluster has no CreateTopics API)
/// and runs until Ctrl+C or SIGTERM. Data lives in memory only.
/// </summary>
internal static class BrokerCommand
{
    /// <summary>The port to listen on when <c>--port</c> is not given (the AppHost sets it).</summary>
    public const string PortVariable = "VELOSTREAM_BROKER_PORT";

    public const string Usage =
        "usage: Velostream.Engine broker [<app.sql>...] [--port <n>] [--topic <name>[:<partitions>]]...\n" +
        "  <app.sql>                create the topics that this application's Kafka connectors name\n" +
        $"  --port <n>               where clients bootstrap (default: ${PortVariable}, else a free port)\n" +
        "  --topic <name>[:<n>]     also create this topic, with n partitions (default 1)";

    public static int Run(string[] args) => Run(args, Console.Error, CancellationToken.None);

    /// <summary>Runs until a stop signal or <paramref name="stop"/>; everything is reported on <paramref name="log"/>.</summary>
    public static int Run(string[] args, TextWriter log, CancellationToken stop)
    {
        var errors = new List<string>();
        var applications = args.Where(a => a.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)).ToList();
        var port = 0;
        if (Environment.GetEnvironmentVariable(PortVariable) is { Length: > 0 } fromEnvironment && !TryPort(fromEnvironment, out port))
        {
            errors.Add($"{PortVariable}: invalid port '{fromEnvironment}'");
        }
        var topics = new Dictionary<string, int>(StringComparer.Ordinal);
        OptionReader.Read([.. args.Except(applications)], [], (name, value) =>
        {
            switch (name)
            {
                case "--port" when TryPort(value!, out var p):
                    port = p;
                    return true;
                case "--topic" when TryTopic(value!, out var topic, out var partitions):
                    topics[topic] = Math.Max(topics.GetValueOrDefault(topic), partitions);
                    return true;
                case "--port" or "--topic":
                    OptionReader.Invalid(errors, name, value!);
                    return true;
                default:
                    return false;
            }
        }, errors);
        var checkedApplications = new List<Sql.SqlCheckResult>();
        foreach (var path in applications)
        {
            if (ApplicationFile.Load(path, log) is not { } application)
            {
                return CommandLine.InvalidInput;
            }
            checkedApplications.Add(application);
        }
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                log.WriteLine($"broker: {error}");
            }
            log.WriteLine(Usage);
            return CommandLine.InvalidInput;
        }

        using var loggers = LoggerFactory.Create(l => l.AddConsole());
        using var signal = new StopSignal("broker");
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(signal.Token, stop);
        using var cluster = EmbeddedKafkaCluster.Start(1, loggers.CreateLogger("Velostream.EmbeddedKafka"));
        // The applications will connect to this broker: read their connectors as they will.
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection([new($"ConnectionStrings:{KafkaConnection.ConnectionStringName}", cluster.BootstrapServers)])
            .Build();
        foreach (var application in checkedApplications)
        {
            foreach (var (topic, partitions) in KafkaConnectors.Topics(application.Statements, configuration, application.Application.Name))
            {
                topics[topic] = Math.Max(topics.GetValueOrDefault(topic), partitions);
            }
        }
        foreach (var (topic, partitions) in topics)
        {
            cluster.CreateTopic(topic, partitions);
        }
        BootstrapListener listener;
        try
        {
            listener = BootstrapListener.Start(port, cluster.BootstrapServers);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            log.WriteLine($"broker: cannot listen on port {port}: {e.Message}");
            return CommandLine.RuntimeFailure;
        }
        log.WriteLine($"broker: bootstrap localhost:{listener.Port} (brokers on {cluster.BootstrapServers}); topics: "
            + (topics.Count == 0 ? "none" : string.Join(", ", topics.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}:{t.Value}"))));
        try
        {
            stopping.Token.WaitHandle.WaitOne();
        }
        finally
        {
            listener.DisposeAsync().AsTask().Wait();
        }
        log.WriteLine("broker: stopped; its data is gone");
        return CommandLine.Success;
    }

    private static bool TryPort(string value, out int port) => OptionReader.TryInt(value, out port) && port is >= 0 and <= 65535;

    private static bool TryTopic(string value, out string topic, out int partitions)
    {
        var colon = value.LastIndexOf(':');
        topic = colon < 0 ? value : value[..colon];
        partitions = 1;
        return topic.Length > 0 && (colon < 0 || (OptionReader.TryInt(value[(colon + 1)..], out partitions) && partitions >= 1));
    }
}
