using System.Buffers;
using System.Text;
using System.Text.Json;
using Velostream.Engine.Demo.Feed;

namespace Velostream.Tests.Demo.Feed;

public sealed class TradingDataGeneratorTests
{
    private static List<string> Generate(int seed, string topic, int count)
    {
        var generator = new TradingDataGenerator(seed, () => 1_700_000_000_000);
        var buffer = new ArrayBufferWriter<byte>();
        var records = new List<string>();
        for (var i = 0; i < count; i++)
        {
            buffer.ResetWrittenCount();
            var key = generator.Next(topic, buffer, out _);
            records.Add(key + " " + Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        return records;
    }

    [Fact]
    public void The_same_seed_gives_the_same_records_and_another_seed_does_not()
    {
        Assert.Equal(Generate(7, TradingTopics.MarketData, 200), Generate(7, TradingTopics.MarketData, 200));
        Assert.NotEqual(Generate(7, TradingTopics.MarketData, 200), Generate(8, TradingTopics.MarketData, 200));
    }

    [Fact]
    public void Market_data_has_exact_cent_prices_inside_the_spread_keyed_by_symbol()
    {
        foreach (var line in Generate(3, TradingTopics.MarketData, 500))
        {
            var key = line[..line.IndexOf(' ')];
            using var json = JsonDocument.Parse(line[(key.Length + 1)..]);
            var root = json.RootElement;
            Assert.Equal(key, root.GetProperty("symbol").GetString());
            Assert.Equal("NASDAQ", root.GetProperty("exchange").GetString());
            var price = root.GetProperty("price").GetDecimal();
            Assert.Equal(price, decimal.Round(price, 2));
            Assert.True(root.GetProperty("bid_price").GetDecimal() < price && price < root.GetProperty("ask_price").GetDecimal());
            Assert.True(root.GetProperty("volume").GetInt64() > 0);
            Assert.Equal(1_700_000_000_000, root.GetProperty("timestamp").GetInt64());
        }
    }

    [Fact]
    public void Each_topic_has_its_documented_fields()
    {
        string Fields(string topic)
        {
            var line = Generate(1, topic, 1)[0];
            using var json = JsonDocument.Parse(line[(line.IndexOf(' ') + 1)..]);
            return string.Join(",", json.RootElement.EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal("symbol,exchange,price,bid_price,ask_price,bid_size,ask_size,volume,timestamp", Fields(TradingTopics.MarketDataA));
        Assert.Equal("symbol,side,price,quantity,timestamp", Fields(TradingTopics.OrderBook));
        Assert.Equal("trader_id,symbol,position,avg_price,market_price,unrealized_pnl,realized_pnl,timestamp", Fields(TradingTopics.TradingPositions));
    }

    [Fact]
    public void Options_are_parsed_and_bad_ones_reported()
    {
        var errors = new List<string>();
        var options = FeedOptions.Parse(["--rate", "250", "--seed", "9", "--count", "40", "--topics", "market_data,order_book"], errors);
        Assert.Empty(errors);
        Assert.Equal((250d, 9, 40L), (options!.Rate, options.Seed, options.Count));
        Assert.Equal(["market_data", "order_book"], options.Topics);

        Assert.Null(FeedOptions.Parse(["--rate", "-1", "--topics", "nope", "--bogus", "1"], errors));
        Assert.Equal(
            [
                "option '--rate': invalid value '-1'",
                "--topics: unknown topic(s) nope; known: market_data, market_data_a, market_data_b, order_book, trading_positions",
                "unknown option '--bogus'",
            ],
            errors);
    }
}
