using System.Text.Json;

namespace Velostream.Benchmarks.Baselines;

/// <summary>
/// The fields the hand-written baselines read from one market-data record, decoded in a single
/// <see cref="Utf8JsonReader"/> pass: the symbol stays a slice of the input, numbers are parsed only
/// for the fields asked for, everything else is skipped.
/// </summary>
internal ref struct MarketTick
{
    /// <summary>The symbol's JSON string content (still escaped, ready to be copied to the output).</summary>
    public ReadOnlySpan<byte> Symbol;
    public decimal? Price;
    public long? Volume;
    public long? Timestamp;

    /// <param name="withTimestamp">Parse the event time too (windowed queries only).</param>
    public static MarketTick Read(ReadOnlySpan<byte> record, bool withTimestamp) =>
        Read(record, withTimestamp ? "timestamp"u8 : default);

    /// <param name="timestampField">The event-time field to parse, or empty for none.</param>
    public static MarketTick Read(ReadOnlySpan<byte> record, ReadOnlySpan<byte> timestampField)
    {
        var withTimestamp = !timestampField.IsEmpty;
        var tick = default(MarketTick);
        var reader = new Utf8JsonReader(record);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("symbol"u8))
            {
                reader.Read();
                tick.Symbol = reader.ValueSpan;
            }
            else if (reader.ValueTextEquals("price"u8))
            {
                reader.Read();
                tick.Price = reader.TokenType == JsonTokenType.Number ? reader.GetDecimal() : null;
            }
            else if (reader.ValueTextEquals("volume"u8))
            {
                reader.Read();
                tick.Volume = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null;
            }
            else if (withTimestamp && reader.ValueTextEquals(timestampField))
            {
                reader.Read();
                tick.Timestamp = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return tick;
    }
}
