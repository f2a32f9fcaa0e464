namespace Velostream.Benchmarks.Baselines;

/// <summary>The running aggregates of one symbol in one window (S2's SELECT list).</summary>
internal struct SymbolAggregate
{
    public long Count;
    public long Volume;
    public decimal Sum;
    public decimal Min;
    public decimal Max;
    public decimal First;
    public decimal Last;
}
