namespace Velostream.Tests.Differential;

/// <summary>The generated data set really contains what the differential queries are meant to exercise.</summary>
public sealed class DifferentialDataSetTests(DifferentialFixture fixture) : IClassFixture<DifferentialFixture>
{
    [Fact]
    public void Data_set_holds_the_edge_cases_the_queries_rely_on()
    {
        var facts = fixture.Oracle.Query("""
            SELECT count(*) FILTER (WHERE price IS NULL) AS null_prices,
                   count(*) FILTER (WHERE price < 0) AS negative_prices,
                   count(*) FILTER (WHERE qty < 0) AS negative_qty,
                   count(*) FILTER (WHERE note IS NULL) AS null_notes,
                   count(*) FILTER (WHERE symbol IS NULL) AS null_symbols,
                   count(*) FILTER (WHERE symbol = '') AS empty_symbols,
                   count(*) FILTER (WHERE contains(symbol, '"') OR contains(symbol, chr(92))) AS escaped_symbols,
                   count(*) FILTER (WHERE regexp_matches(symbol, '[^ -~]')) AS non_ascii_symbols,
                   count(*) FILTER (WHERE ts < lag_ts) AS out_of_order
            FROM (SELECT *, lag(ts) OVER (ORDER BY id) AS lag_ts FROM trades)
            """).Rows.Single();

        Assert.All(facts, cell => Assert.True(cell.Exact > 0, "every edge case occurs at least once"));
        var misses = fixture.Oracle.Query(
            "SELECT count(*) FROM trades t WHERE t.symbol IS NOT NULL AND NOT EXISTS (SELECT 1 FROM instruments i WHERE i.symbol = t.symbol)");
        Assert.True(misses.Rows.Single()[0].Exact > 0, "the stream–table join has misses");

        var lines = File.ReadAllLines(Path.Combine(fixture.DataDirectory, "trades.jsonl"));
        Assert.Contains(lines, l => !l.Contains("\"note\"", StringComparison.Ordinal));
        var feeScales = lines
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("fee").GetRawText())
            .Select(fee => fee.Contains('.') ? fee.Length - fee.IndexOf('.') - 1 : 0)
            .Distinct().Count();
        Assert.True(feeScales >= 4, $"fees come with different scales ({feeScales})");
    }

    [Fact]
    public void Suite_has_at_least_thirty_distinct_queries()
    {
        Assert.True(DifferentialCases.All.Count >= 30);
        Assert.Equal(DifferentialCases.All.Count, DifferentialCases.All.Select(c => c.Name).Distinct().Count());
    }
}
