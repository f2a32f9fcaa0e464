using Velostream.Benchmarks.Data;
using Velostream.Benchmarks.Harness;

namespace Velostream.Benchmarks.Baselines;

/// <summary>
/// S1 written by hand: <c>SELECT symbol, price, volume FROM market_data WHERE price &gt; 200</c>.
/// One <see cref="MarketTick"/> pass per record picking three fields, an exact decimal
/// comparison, and the output object formatted into a stack buffer. Allocates nothing per record.
/// </summary>
internal sealed class FilterBaseline(JsonLines input, CountingSink sink)
{
    private static readonly decimal Threshold = 200m;

    public long Run()
    {
        Span<byte> output = stackalloc byte[512];
        for (var i = 0; i < input.Count; i++)
        {
            Process(input.Line(i).Span, output);
        }
        return sink.Records;
    }

    /// <summary>One record; a method of its own so the JIT tiers it up like any per-record code.</summary>
    private void Process(ReadOnlySpan<byte> record, Span<byte> output)
    {
        var tick = MarketTick.Read(record, withTimestamp: false);
        if (tick.Price > Threshold)
        {
            var line = new OutputLine(output);
            line.String("symbol"u8, tick.Symbol);
            line.Number("price"u8, tick.Price.Value);
            if (tick.Volume is { } v)
            {
                line.Number("volume"u8, v);
            }
            else
            {
                line.Null("volume"u8);
            }
            sink.Write(default, line.End(), null, -1);
        }
    }
}
