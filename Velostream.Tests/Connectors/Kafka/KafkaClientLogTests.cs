using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Velostream.Engine.Connectors.Kafka;

namespace Velostream.Tests.Connectors.Kafka;

public sealed class KafkaClientLogTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void A_message_repeated_within_the_window_is_counted_and_shown_again_with_the_count_after_it()
    {
        var time = new ManualTime();
        var writer = new StringWriter();
        var log = new KafkaClientLog(writer, time) { Window = TimeSpan.FromSeconds(60) };

        log.Write("engine#consumer-1", "error", "Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 0ms in state CONNECT)");
        for (var i = 1; i <= 40; i++)
        {
            time.Now += TimeSpan.FromMilliseconds(50);
            // Only the numbers differ: the same failure retried.
            log.Write("engine#consumer-1", "error", $"Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after {i}ms in state CONNECT)");
        }
        log.Write("engine#consumer-1", "error", "1/1 brokers are down");
        time.Now += TimeSpan.FromSeconds(60);
        log.Write("engine#consumer-1", "error", "Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 3ms in state CONNECT)");

        Assert.Equal(
            [
                "kafka error: engine#consumer-1: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 0ms in state CONNECT)",
                "kafka error: engine#consumer-1: 1/1 brokers are down",
                "kafka error: engine#consumer-1: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 3ms in state CONNECT) (and 40 more like it since it was last shown)",
            ],
            Lines(writer));
    }

    [Fact]
    public void Clients_created_one_after_another_for_the_same_work_share_their_repeats()
    {
        var writer = new StringWriter();
        var log = new KafkaClientLog(writer, new ManualTime());

        // The health check creates a new admin client for every probe.
        for (var i = 1; i <= 5; i++)
        {
            log.Write($"rdkafka#producer-{i}", "error", "1/1 brokers are down");
        }

        Assert.Equal(["kafka error: rdkafka#producer-1: 1/1 brokers are down"], Lines(writer));
    }

    [Fact]
    public void A_client_whose_broker_is_unreachable_reports_it_in_a_few_lines_not_one_per_retry()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var writer = new StringWriter();
        var log = new KafkaClientLog(TextWriter.Synchronized(writer), TimeProvider.System);
        using (var consumer = KafkaClients.CreateConsumer(
            new Dictionary<string, string>
            {
                ["bootstrap.servers"] = $"127.0.0.1:{port}",
                ["group.id"] = "unreachable",
                ["reconnect.backoff.ms"] = "10",
                ["reconnect.backoff.max.ms"] = "10",
            },
            "engine", log: log))
        {
            consumer.Subscribe("market_data");
            var until = DateTime.UtcNow.AddSeconds(2);
            while (DateTime.UtcNow < until)
            {
                consumer.Consume(100);
            }
            consumer.Close();
        }

        // librdkafka retried every ~10 ms for two seconds; each distinct message is shown once.
        var lines = Lines(writer);
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.StartsWith("kafka error: engine#consumer-", StringComparison.Ordinal) && l.Contains($"127.0.0.1:{port}", StringComparison.Ordinal));
        Assert.InRange(lines.Length, 1, 6);
        Assert.DoesNotContain(lines, l => l.StartsWith('%'));
    }

    [Fact]
    public void Notices_are_left_out_and_the_thread_prefix_is_dropped()
    {
        var writer = new StringWriter();
        var log = new KafkaClientLog(writer, TimeProvider.System);

        log.Log(new LogMessage("engine#producer-1", SyslogLevel.Notice, "STATE", "Broker changed state"));
        log.Log(new LogMessage("engine#producer-1", SyslogLevel.Warning, "FAIL", "[thrd:127.0.0.1:1/bootstrap]: 127.0.0.1:1/bootstrap: Disconnected"));

        Assert.Equal(["kafka warning: engine#producer-1: 127.0.0.1:1/bootstrap: Disconnected"], Lines(writer));
    }
}
