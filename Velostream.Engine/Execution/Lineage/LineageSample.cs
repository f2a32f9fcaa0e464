using Velostream.Engine.Connectors;

namespace Velostream.Engine.Execution.Lineage;

/// <summary>
/// The first <see cref="Capacity"/> inputs that contributed to one output (a window group, a join
/// match), plus how many contributed in all. Bounded so state stays small whatever the input rate.
/// </summary>
internal sealed class LineageSample
{
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    private readonly List<InputSample> _items;

    public LineageSample(int capacity)
    {
        Capacity = capacity;
        _items = new List<InputSample>(Math.Min(capacity, 8));
    }

    public int Capacity { get; }

    /// <summary>Every contributing input, including those beyond the sample.</summary>
    public long TotalInputs { get; private set; }

    public IReadOnlyList<InputSample> Items => _items;

    public void Add(in SourceRecord record)
    {
        TotalInputs++;
        if (_items.Count < Capacity)
        {
            _items.Add(FromRecord(record));
        }
    }

    public void Add(in InputSample sample)
    {
        TotalInputs++;
        if (_items.Count < Capacity)
        {
            _items.Add(sample);
        }
    }

    /// <summary>Folds another sample in (session windows merging).</summary>
    public void Merge(LineageSample other)
    {
        foreach (var item in other._items)
        {
            if (_items.Count >= Capacity) break;
            _items.Add(item);
        }
        TotalInputs += other.TotalInputs;
    }

    public void Clear()
    {
        _items.Clear();
        TotalInputs = 0;
    }

    public static InputSample FromRecord(in SourceRecord record)
    {
        var headers = record.Headers;
        return new InputSample(
            record.Topic,
            record.Partition,
            record.Offset,
            record.TimestampMs,
            headers is null || headers.Count == 0 ? null : headers.GetLast(TraceParentHeader),
            headers is null || headers.Count == 0 ? null : headers.GetLast(TraceStateHeader));
    }
}
