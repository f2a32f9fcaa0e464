namespace Velostream.Benchmarks.Baselines;

/// <summary>
/// One open window of <see cref="TumblingAggregateBaseline"/>: aggregates indexed by symbol id,
/// plus the ids in first-seen order (the emit order). Reused after it closes.
/// </summary>
internal sealed class OpenWindow
{
    public long Start { get; private set; }

    public SymbolAggregate[] Groups { get; private set; } = new SymbolAggregate[128];

    public List<int> Touched { get; } = [];

    public OpenWindow Open(long start)
    {
        Start = start;
        return this;
    }

    public OpenWindow Clear()
    {
        foreach (var id in Touched)
        {
            Groups[id] = default;
        }
        Touched.Clear();
        return this;
    }

    public void Add(int id, decimal price, long volume)
    {
        if (id >= Groups.Length)
        {
            var grown = Groups;
            Array.Resize(ref grown, Math.Max(id + 1, Groups.Length * 2));
            Groups = grown;
        }
        ref var a = ref Groups[id];
        if (a.Count == 0)
        {
            Touched.Add(id);
            a.Min = a.Max = a.First = price;
        }
        else
        {
            if (price < a.Min)
            {
                a.Min = price;
            }
            if (price > a.Max)
            {
                a.Max = price;
            }
        }
        a.Count++;
        a.Volume += volume;
        a.Sum += price;
        a.Last = price;
    }
}
