using System.Text;
using Velostream.Benchmarks.Data;
using Velostream.Benchmarks.Harness;
using Velostream.Engine.Connectors;

namespace Velostream.Benchmarks.Baselines;

/// <summary>
/// S2 written by hand: a 1-second tumbling window on the <c>timestamp</c> field, grouped by
/// symbol, with AVG/MIN/MAX of the price, SUM of the volume, COUNT, and the first and last price,
/// emitted once per window and symbol when the watermark (largest event time seen minus the
/// allowed out-of-orderness) passes the window's end; records for closed windows are dropped.
/// </summary>
/// <remarks>
/// Per record: one <see cref="MarketTick"/> pass, a symbol lookup through the dictionary's
/// span-keyed alternate lookup (a string is made once per symbol, ever), and exact decimal
/// arithmetic on a struct in an array. Closed windows are recycled, so nothing is allocated per
/// record once every symbol has been seen.
/// </remarks>
/// <param name="timestampField">The event-time field (<c>timestamp</c>, or <c>ts</c> in the wide shape).</param>
internal sealed class TumblingAggregateBaseline(IRecordSink sink, long windowMs, long maxOutOfOrdernessMs, string timestampField = "timestamp")
{
    private readonly byte[] _timestampField = Encoding.UTF8.GetBytes(timestampField);
    private long _written;

    private readonly Dictionary<string, int> _symbolIds = new(StringComparer.Ordinal);
    private readonly List<byte[]> _symbolJson = [];
    private readonly List<OpenWindow> _open = [];
    private readonly Stack<OpenWindow> _recycled = new();
    private long _watermark = long.MinValue;

    public long Late { get; private set; }

    public void Reset()
    {
        foreach (var window in _open)
        {
            _recycled.Push(window.Clear());
        }
        _open.Clear();
        _watermark = long.MinValue;
        Late = 0;
        _written = 0;
    }

    /// <summary>Every line of <paramref name="input"/>, then the windows still open; returns the records written.</summary>
    public long Run(JsonLines input)
    {
        Span<byte> output = stackalloc byte[1024];
        for (var i = 0; i < input.Count; i++)
        {
            Process(input.Line(i).Span, output);
        }
        CloseUpTo(long.MaxValue, output);
        return _written;
    }

    /// <summary>Every line of a file, as a program reading it would, then the windows still open; returns the records written.</summary>
    public long Run(FileLineReader input)
    {
        Span<byte> output = stackalloc byte[1024];
        while (input.TryRead(out var line))
        {
            Process(line, output);
        }
        CloseUpTo(long.MaxValue, output);
        return _written;
    }

    /// <summary>One record; a method of its own so the JIT tiers it up like any per-record code.</summary>
    private void Process(ReadOnlySpan<byte> record, Span<byte> output)
    {
        var tick = MarketTick.Read(record, _timestampField);
        var symbol = tick.Symbol;
        var price = tick.Price ?? 0;
        var volume = tick.Volume ?? 0;
        var timestamp = tick.Timestamp ?? 0;

        var start = timestamp - (timestamp % windowMs + windowMs) % windowMs;
        if (start + windowMs <= _watermark)
        {
            Late++;
            return;
        }
        Span<char> chars = stackalloc char[symbol.Length];
        var name = chars[..Encoding.UTF8.GetChars(symbol, chars)];
        var lookup = _symbolIds.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(name, out var id))
        {
            id = _symbolIds.Count;
            lookup[name] = id;
            _symbolJson.Add(symbol.ToArray());
        }
        FindOrOpen(start).Add(id, price, volume);

        if (timestamp - maxOutOfOrdernessMs > _watermark)
        {
            _watermark = timestamp - maxOutOfOrdernessMs;
            CloseUpTo(_watermark, output);
        }
    }

    private OpenWindow FindOrOpen(long start)
    {
        foreach (var window in _open)
        {
            if (window.Start == start)
            {
                return window;
            }
        }
        var opened = (_recycled.Count > 0 ? _recycled.Pop() : new OpenWindow()).Open(start);
        // Kept sorted by start so windows close, and emit, in time order.
        var at = _open.Count;
        while (at > 0 && _open[at - 1].Start > start)
        {
            at--;
        }
        _open.Insert(at, opened);
        return opened;
    }

    private void CloseUpTo(long watermark, Span<byte> output)
    {
        while (_open.Count > 0 && (watermark == long.MaxValue || _open[0].Start + windowMs <= watermark))
        {
            var window = _open[0];
            _open.RemoveAt(0);
            foreach (var id in window.Touched)
            {
                ref var a = ref window.Groups[id];
                var line = new OutputLine(output);
                line.String("symbol"u8, _symbolJson[id]);
                line.Number("window_start"u8, window.Start);
                line.Number("avg_price"u8, a.Sum / a.Count);
                line.Number("min_price"u8, a.Min);
                line.Number("max_price"u8, a.Max);
                line.Number("total_volume"u8, a.Volume);
                line.Number("trade_count"u8, a.Count);
                line.Number("open_price"u8, a.First);
                line.Number("close_price"u8, a.Last);
                sink.Write(default, line.End(), null, window.Start + windowMs - 1);
                _written++;
            }
            _recycled.Push(window.Clear());
        }
    }
}
