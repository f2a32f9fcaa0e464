namespace Velostream.Engine.Demo.Feed;

/// <summary>The topics the trading feed writes, as the shipped trading application reads them.</summary>
internal static class TradingTopics
{
    public const string MarketData = "market_data";
    public const string MarketDataA = "market_data_a";
    public const string MarketDataB = "market_data_b";
    public const string OrderBook = "order_book";
    public const string TradingPositions = "trading_positions";

    public static readonly IReadOnlyList<string> All = [MarketData, MarketDataA, MarketDataB, OrderBook, TradingPositions];
}
