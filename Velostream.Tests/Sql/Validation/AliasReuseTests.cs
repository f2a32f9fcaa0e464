using Velostream.Engine.Sql;
using Velostream.Tests.Support;

namespace Velostream.Tests.Sql.Validation;

/// <summary>Velostream semantics: a SELECT item may use the alias of an earlier item, which stands for that item's expression.</summary>
public sealed class AliasReuseTests
{
    private const string Ticks = """
        {"symbol":"AAPL","price":150.50,"base":100.00,"desk":"EQ"}
        {"symbol":"MSFT","price":90.00,"base":100.00,"desk":"EQ"}
        {"symbol":"GLD","price":210.00,"base":200.00,"desk":"CMD"}

        """;

    private static string Run(string select, string from = "ticks")
    {
        using var dir = new TempFolder();
        dir.Write("ticks.jsonl", Ticks);
        var sql = dir.Write("app.sql", $"""
            CREATE STREAM out AS
            {select}
            FROM {from}
            WITH ('ticks.type' = 'file_source', 'ticks.path' = 'ticks.jsonl', 'out.type' = 'file_sink', 'out.path' = 'out.jsonl');
            """);
        var result = RunResult.Of(sql);
        Assert.Equal(0, result.ExitCode);
        return dir.Read("out.jsonl");
    }

    [Fact]
    public void A_later_item_reads_an_earlier_alias_through_a_chain_of_aliases()
    {
        var output = Run("SELECT symbol, price - base AS move, move * 100 / base AS move_pct, CASE WHEN move_pct > 5 THEN 'SPIKE' ELSE 'CALM' END AS kind");

        Assert.Equal("""
            {"symbol":"AAPL","move":50.50,"move_pct":50.5,"kind":"SPIKE"}
            {"symbol":"MSFT","move":-10.00,"move_pct":-10,"kind":"CALM"}
            {"symbol":"GLD","move":10.00,"move_pct":5,"kind":"CALM"}

            """, output);
    }

    [Fact]
    public void An_alias_of_an_aggregate_is_reused_in_a_later_item_of_a_grouped_query()
    {
        var output = Run("SELECT desk, COUNT(*) AS n, SUM(price) AS total, total / n AS mean", "ticks GROUP BY desk EMIT FINAL");

        Assert.Equal("""
            {"desk":"EQ","n":2,"total":240.50,"mean":120.25}
            {"desk":"CMD","n":1,"total":210.00,"mean":210.00}

            """, output);
    }

    [Fact]
    public void An_alias_is_not_visible_before_its_item_nor_in_where()
    {
        var bound = SqlFrontEnd.Check("SELECT later * 2 AS early, price AS later FROM t WHERE later > 1 WITH ('t.type' = 'kafka_source')", "app.sql").Statements[0];

        Assert.All(bound.Bindings.Values.Where(b => b.Column.Name == "later"),
            b => Assert.Equal(Velostream.Engine.Sql.Validation.ColumnBindingKind.Source, b.Kind));
    }
}
