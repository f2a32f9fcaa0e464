using System.Text;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Velostream.Engine.Cli;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Tests.Support;

namespace Velostream.Tests.Cli;

/// <summary>
/// <c>broker</c>: the embedded broker as a process of its own, reached through the port it is given, with
/// the topics its applications name already created.
/// </summary>
public sealed partial class BrokerCommandTests
{
    private const string Application = """
        -- @name: big_trades
        CREATE STREAM big_trades AS SELECT symbol, volume FROM trades WHERE volume > 1000
        WITH ('trades.type' = 'kafka_source', 'trades.topic.name' = 'trades', 'trades.partitions' = '3',
              'big_trades.type' = 'kafka_sink', 'big_trades.topic.name' = 'big_trades');
        """;

    [Fact]
    public async Task Clients_bootstrap_through_the_given_port_and_find_the_applications_topics()
    {
        using var folder = new TempFolder();
        var app = folder.Write("app.sql", Application);
        var text = new StringWriter();
        var log = TextWriter.Synchronized(text);
        string Log()
        {
            // The synchronized writer locks itself while it writes.
            lock (log)
            {
                return text.ToString();
            }
        }
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var broker = Task.Factory.StartNew(
            () => BrokerCommand.Run([app, "--topic", "audit:2", "--port", "0"], log, stop.Token), TaskCreationOptions.LongRunning);

        var port = await PortFrom(Log, broker);
        var config = new Dictionary<string, string> { ["bootstrap.servers"] = $"localhost:{port}" };
        using (var admin = new AdminClientBuilder(config).Build())
        {
            var topics = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.ToDictionary(t => t.Topic, t => t.Partitions.Count);
            Assert.Equal(3, topics["trades"]);
            Assert.Equal(1, topics["big_trades"]);
            Assert.Equal(2, topics["audit"]);
        }
        using (var producer = KafkaClients.CreateProducer(config, "broker-test"))
        {
            producer.Produce("audit", new Message<byte[]?, byte[]> { Value = Encoding.UTF8.GetBytes("hello") });
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        }

        await stop.CancelAsync();
        Assert.Equal(CommandLine.Success, await broker.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Contains("broker: stopped; its data is gone", Log());
    }

    [Theory]
    [InlineData("--port", "http", "broker: option '--port': invalid value 'http'")]
    [InlineData("--topic", "t:0", "broker: option '--topic': invalid value 't:0'")]
    [InlineData("--partitions", "3", "broker: unknown option '--partitions'")]
    public void Bad_options_are_named_and_nothing_starts(string option, string value, string expected)
    {
        var log = new StringWriter();

        var exit = BrokerCommand.Run([option, value], log, TestContext.Current.CancellationToken);

        Assert.Equal(CommandLine.InvalidInput, exit);
        Assert.Equal(expected, log.ToString().Split('\n')[0].TrimEnd());
        Assert.DoesNotContain("broker: bootstrap", log.ToString());
    }

    private static async Task<int> PortFrom(Func<string> log, Task<int> broker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (BootstrapLine().Match(log()) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            Assert.False(broker.IsCompleted, $"broker exited early: {log()}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"broker did not report its port: {log()}");
        return 0;
    }

    [GeneratedRegex(@"broker: bootstrap localhost:(\d+) ")]
    private static partial Regex BootstrapLine();
}
