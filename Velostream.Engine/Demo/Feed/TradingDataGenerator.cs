using System.Buffers;
using System.Text.Json;

namespace Velostream.Engine.Demo.Feed;

/// <summary>
/// Deterministic trading data: the same seed gives the same sequence of records (timestamps come from
/// the supplied clock). Prices follow a random walk in whole cents so every amount is an exact decimal.
/// </summary>
internal sealed class TradingDataGenerator
{
    private static readonly string[] Symbols = ["AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "TSLA", "META", "JPM"];
    private static readonly decimal[] StartPrices = [189.50m, 415.20m, 141.80m, 178.25m, 875.40m, 242.10m, 505.75m, 196.30m];
    private static readonly string[] Traders = ["trader_01", "trader_02", "trader_03", "trader_04"];

    private readonly Random _random;
    private readonly Func<long> _clockMs;
    private readonly decimal[] _prices;
    private readonly long[] _positions;
    private readonly decimal[] _averagePrices;

    public TradingDataGenerator(int seed, Func<long> clockMs)
    {
        _random = new Random(seed);
        _clockMs = clockMs;
        _prices = (decimal[])StartPrices.Clone();
        _positions = new long[Traders.Length * Symbols.Length];
        _averagePrices = new decimal[Traders.Length * Symbols.Length];
    }

    /// <summary>Writes the next record of <paramref name="topic"/> as JSON and returns its key (the symbol).</summary>
    public string Next(string topic, IBufferWriter<byte> output, out long timestampMs)
    {
        timestampMs = _clockMs();
        using var json = new Utf8JsonWriter(output);
        var symbol = topic switch
        {
            TradingTopics.MarketData => WriteQuote(json, "NASDAQ", 0m, timestampMs),
            TradingTopics.MarketDataA => WriteQuote(json, "NYSE", 0m, timestampMs),
            // Exchange B trades a few cents away from A, now and then enough for an arbitrage alert.
            TradingTopics.MarketDataB => WriteQuote(json, "BATS", (_random.Next(-30, 31)) / 100m, timestampMs),
            TradingTopics.OrderBook => WriteOrder(json, timestampMs),
            TradingTopics.TradingPositions => WritePosition(json, timestampMs),
            _ => throw new ArgumentException($"unknown trading topic '{topic}'", nameof(topic)),
        };
        json.Flush();
        return symbol;
    }

    private int Step()
    {
        var index = _random.Next(Symbols.Length);
        // Random walk in cents, never below one dollar; occasional larger jumps trigger price alerts.
        var cents = _random.Next(100) < 3 ? _random.Next(-400, 401) : _random.Next(-25, 26);
        _prices[index] = Math.Max(1.00m, _prices[index] + cents / 100m);
        return index;
    }

    private string WriteQuote(Utf8JsonWriter json, string exchange, decimal offset, long timestampMs)
    {
        var index = Step();
        var price = _prices[index] + offset;
        var spread = _random.Next(1, 6) / 100m;
        // Volume is usually modest with rare spikes (what the volume-spike job looks for).
        var volume = _random.Next(100) < 2 ? _random.Next(20_000, 100_000) : _random.Next(100, 5_000);
        json.WriteStartObject();
        json.WriteString("symbol", Symbols[index]);
        json.WriteString("exchange", exchange);
        json.WriteNumber("price", price);
        json.WriteNumber("bid_price", price - spread);
        json.WriteNumber("ask_price", price + spread);
        json.WriteNumber("bid_size", _random.Next(1, 50) * 100);
        json.WriteNumber("ask_size", _random.Next(1, 50) * 100);
        json.WriteNumber("volume", volume);
        json.WriteNumber("timestamp", timestampMs);
        json.WriteEndObject();
        return Symbols[index];
    }

    private string WriteOrder(Utf8JsonWriter json, long timestampMs)
    {
        var index = Step();
        var buy = _random.Next(2) == 0;
        var price = _prices[index] + (buy ? -1 : 1) * _random.Next(0, 10) / 100m;
        json.WriteStartObject();
        json.WriteString("symbol", Symbols[index]);
        json.WriteString("side", buy ? "BUY" : "SELL");
        json.WriteNumber("price", price);
        json.WriteNumber("quantity", _random.Next(1, 100) * 10);
        json.WriteNumber("timestamp", timestampMs);
        json.WriteEndObject();
        return Symbols[index];
    }

    private string WritePosition(Utf8JsonWriter json, long timestampMs)
    {
        var index = Step();
        var trader = _random.Next(Traders.Length);
        var slot = trader * Symbols.Length + index;
        var trade = _random.Next(-50, 51) * 10L;
        var price = _prices[index];
        var realized = 0m;
        var position = _positions[slot];
        if (position != 0 && Math.Sign(trade) != Math.Sign(position))
        {
            var closed = Math.Min(Math.Abs(trade), Math.Abs(position));
            realized = closed * (price - _averagePrices[slot]) * Math.Sign(position);
        }
        var next = position + trade;
        if (next == 0)
        {
            _averagePrices[slot] = 0m;
        }
        else if (Math.Sign(next) != Math.Sign(position) || Math.Abs(next) > Math.Abs(position))
        {
            // Opening or adding: volume-weighted entry price, rounded to cents.
            var kept = Math.Sign(next) == Math.Sign(position) ? Math.Abs(position) : 0;
            var added = Math.Abs(next) - kept;
            _averagePrices[slot] = Math.Round((kept * _averagePrices[slot] + added * price) / Math.Abs(next), 2);
        }
        _positions[slot] = next;
        json.WriteStartObject();
        json.WriteString("trader_id", Traders[trader]);
        json.WriteString("symbol", Symbols[index]);
        json.WriteNumber("position", next);
        json.WriteNumber("avg_price", _averagePrices[slot]);
        json.WriteNumber("market_price", price);
        json.WriteNumber("unrealized_pnl", next * (price - _averagePrices[slot]));
        json.WriteNumber("realized_pnl", realized);
        json.WriteNumber("timestamp", timestampMs);
        json.WriteEndObject();
        return Symbols[index];
    }
}
