using System.Text.Json;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Demo.Feed;
using Velostream.Engine.Demo.Tail;
using Velostream.Engine.Telemetry;

namespace Velostream.Tests.Demo.Tail;

public sealed class FeedAndTailTests
{
    [Fact]
    public async Task Tail_prints_every_record_the_feed_sent_as_json_lines()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        cluster.CreateTopic(TradingTopics.MarketData);
        cluster.CreateTopic(TradingTopics.OrderBook);
        var feed = new TradingFeed(
            new FeedOptions { Rate = 5000, Count = 50, Topics = [TradingTopics.MarketData, TradingTopics.OrderBook] },
            new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers }, VelostreamTelemetry.Default);
        await feed.RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(50, feed.Sent);

        var output = new StringWriter();
        var tail = new TopicTail(
            new TailOptions { Topics = [TradingTopics.MarketData, TradingTopics.OrderBook], FromBeginning = true, Format = TailFormat.Json, Count = 50 },
            cluster.BootstrapServers, VelostreamTelemetry.Default, EmbeddedKafkaCluster.ConsumerDefaults);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await tail.RunAsync(new RecordPrinter(TailFormat.Json, output), timeout.Token);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(50, lines.Length);
        var byTopic = lines.Select(l => JsonDocument.Parse(l).RootElement).GroupBy(e => e.GetProperty("topic").GetString()).ToDictionary(g => g.Key!, g => g.ToList());
        Assert.Equal(25, byTopic[TradingTopics.MarketData].Count);
        Assert.Equal(25, byTopic[TradingTopics.OrderBook].Count);
        Assert.All(lines.Select(l => JsonDocument.Parse(l).RootElement), e =>
            Assert.Equal(e.GetProperty("key").GetString(), e.GetProperty("value").GetProperty("symbol").GetString()));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i),
            byTopic[TradingTopics.OrderBook].Select(e => e.GetProperty("offset").GetInt64()));
    }

    [Fact]
    public void Table_format_prints_a_header_per_topic_then_aligned_rows()
    {
        var output = new StringWriter();
        var printer = new RecordPrinter(TailFormat.Table, output);
        var record = new Velostream.Engine.Connectors.SourceRecord
        {
            Topic = "price_alerts", Key = "AAPL"u8.ToArray(), Value = """{"symbol":"AAPL","price":190.05}"""u8.ToArray(), TimestampMs = 0,
        };
        printer.Print(record);
        printer.Print(record);

        Assert.Equal(
            "time         topic              key      symbol       price       \n"
            + "00:00:00.000 price_alerts       AAPL     AAPL         190.05      \n"
            + "00:00:00.000 price_alerts       AAPL     AAPL         190.05      \n",
            output.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Json_line_embeds_json_values_and_quotes_others()
    {
        var record = new Velostream.Engine.Connectors.SourceRecord { Topic = "t", Partition = 0, Offset = 3, TimestampMs = 5, Value = "not json"u8.ToArray() };
        Assert.Equal("""{"topic":"t","partition":0,"offset":3,"timestamp":5,"key":null,"value":"not json"}""", RecordPrinter.ToJsonLine(record));
    }
}
