using Velostream.Benchmarks.Data;
using Velostream.Benchmarks.Harness;
using Velostream.Engine.Connectors;

namespace Velostream.Benchmarks.Baselines;

/// <summary>
/// S1 written by hand: <c>SELECT symbol, price, volume FROM market_data WHERE price &gt; 200</c>.
/// One <see cref="MarketTick"/> pass per record picking three fields, an exact decimal
/// comparison, and the output object formatted into a stack buffer. Allocates nothing per record.
/// </summary>
internal sealed class FilterBaseline(IRecordSink sink)
{
    private static readonly decimal Threshold = 200m;

    private long _written;

    public void Reset() => _written = 0;

    /// <summary>Every line of <paramref name="input"/>; returns the records written so far.</summary>
    public long Run(JsonLines input)
    {
        Span<byte> output = stackalloc byte[512];
        for (var i = 0; i < input.Count; i++)
        {
            Process(input.Line(i).Span, output);
        }
        return _written;
    }

    /// <summary>Every line of a file, as a program reading it would; returns the records written so far.</summary>
    public long Run(FileLineReader input)
    {
        Span<byte> output = stackalloc byte[512];
        while (input.TryRead(out var line))
        {
            Process(line, output);
        }
        return _written;
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
            _written++;
        }
    }
}
