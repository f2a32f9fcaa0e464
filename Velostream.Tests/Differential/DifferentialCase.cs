namespace Velostream.Tests.Differential;

/// <summary>
/// One query in Velostream's dialect and the same computation in DuckDB's.
/// </summary>
/// <param name="Name">What the case covers (the test's display name).</param>
/// <param name="Velostream">The SELECT the engine runs (FROM trades/instruments/quotes, WINDOW, EMIT).</param>
/// <param name="DuckDb">The reference query over the DuckDB tables of the same names.</param>
/// <param name="Properties">Extra job properties (e.g. the watermark for windows and joins).</param>
/// <param name="Ordered">True when the semantics fix the row order (LIMIT); otherwise rows compare as multisets.</param>
internal sealed record DifferentialCase(string Name, string Velostream, string DuckDb, string[]? Properties = null, bool Ordered = false)
{
    public override string ToString() => Name;
}
