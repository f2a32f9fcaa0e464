using Velostream.Engine.Sql;
using Velostream.Tests.Support;

namespace Velostream.Tests.Sql.Validation;

/// <summary>
/// A name that is neither a column of an input whose columns can be known, a system column, a function
/// nor a SELECT alias is a located <c>validate</c> error: a CSV file's header (when the file is there),
/// the <c>schema.fields</c> a source's config_file declares, another statement's output, a subquery's
/// table. Where the columns cannot be known (JSON without a declared schema, a CSV file not there yet)
/// any name is accepted.
/// </summary>
public sealed class UnknownNameTests
{
    private const string Fills = "fill_id,desk,qty,price\nF1,RATES,100,99.5\n";

    private static IReadOnlyList<string> Errors(TempFolder dir, string sql) =>
        [.. SqlFrontEnd.Check(sql, dir.Write("app.sql", sql)).Diagnostics.Select(d => $"{d.Location.Line}:{d.Location.Column}: {d.Message}")];

    [Fact]
    public void A_name_missing_from_the_header_of_a_csv_file_that_exists_is_an_error_at_the_name()
    {
        using var dir = new TempFolder();
        dir.Write("fills.csv", Fills);
        var errors = Errors(dir, """
            SELECT desk, qty * price AS notional, notional * 2 AS doubled, _event_time AS at, CURRENT_TIMESTAMP AS now
            FROM fills WHERE qtty > 10
            WITH ('fills.type' = 'file_source', 'fills.path' = 'fills.csv', 'fills.format' = 'csv')
            """);
        Assert.Equal(["2:18: column 'qtty' is not in the CSV header of source 'fills' (fill_id, desk, qty, price)"], errors);
    }

    [Fact]
    public void A_csv_file_not_there_yet_leaves_its_columns_to_the_job()
    {
        using var dir = new TempFolder();
        Assert.Empty(Errors(dir, "SELECT anything FROM fills WITH ('fills.type' = 'file_source', 'fills.path' = 'later.csv', 'fills.format' = 'csv')"));
    }

    [Fact]
    public void Json_sources_without_a_declared_schema_accept_any_name()
    {
        using var dir = new TempFolder();
        dir.Write("fills.jsonl", """{"desk":"RATES"}""" + "\n");
        Assert.Empty(Errors(dir, "SELECT whatever, desk FROM fills WITH ('fills.type' = 'file_source', 'fills.path' = 'fills.jsonl')"));
        Assert.Empty(Errors(dir, "SELECT whatever FROM fills WITH ('fills.type' = 'kafka_source')"));
    }

    [Fact]
    public void The_schema_fields_a_config_file_declares_are_the_sources_names_through_extends()
    {
        using var dir = new TempFolder();
        dir.Write("configs/base.yaml", "schema:\n  fields:\n    - name: symbol\n      type: string\n    - name: price\n      type: decimal\n");
        dir.Write("configs/ticks.yaml", "extends: base.yaml\ntopic:\n  name: ticks\n");
        var errors = Errors(dir, """
            SELECT symbol, price, volume FROM ticks
            WITH ('ticks.type' = 'kafka_source', 'ticks.config_file' = 'configs/ticks.yaml')
            """);
        Assert.Equal(["1:23: column 'volume' is not a field of source 'ticks' as its config_file 'configs/ticks.yaml' declares it (schema.fields: symbol, price)"], errors);
    }

    [Fact]
    public void A_job_level_config_file_declares_the_from_sources_fields()
    {
        using var dir = new TempFolder();
        dir.Write("fills.jsonl", """{"desk":"RATES","qty":5}""" + "\n");
        dir.Write("fills.yaml", "data_source:\n  type: file\n  path: fills.jsonl\n  format: json\nschema:\n  fields:\n    - name: desk\n    - name: qty\n");
        var error = Assert.Single(Errors(dir, """CREATE TABLE totals AS SELECT desk, SUM(quantity) AS q FROM fills GROUP BY desk WITH ("config_file" = "fills.yaml")"""));
        Assert.StartsWith("1:41: column 'quantity' is not a field of source 'fills' as its config_file", error);
        Assert.EndsWith("declares it (schema.fields: desk, qty)", error);
    }

    [Fact]
    public void A_config_file_without_schema_fields_declares_nothing()
    {
        using var dir = new TempFolder();
        dir.Write("configs/ticks.yaml", "topic:\n  name: ticks\n");
        Assert.Empty(Errors(dir, "SELECT volume FROM ticks WITH ('ticks.type' = 'kafka_source', 'ticks.config_file' = 'configs/ticks.yaml')"));
    }

    [Fact]
    public void A_subquerys_table_with_a_header_checks_the_names_read_from_it()
    {
        using var dir = new TempFolder();
        dir.Write("watchlist.csv", "symbol,restriction\nAAPL,BLOCKED\n");
        var errors = Errors(dir, """
            SELECT t.symbol FROM trades t
            WHERE NOT EXISTS (SELECT 1 FROM watchlist w WHERE w.symbol = t.symbol AND w.restrictions = 'BLOCKED')
            WITH ('trades.type' = 'kafka_source', 'watchlist.type' = 'file_source', 'watchlist.path' = 'watchlist.csv', 'watchlist.format' = 'csv')
            """);
        Assert.Equal(["2:75: column 'restrictions' is not in the CSV header of source 'watchlist' (symbol, restriction)"], errors);
    }

    [Fact]
    public void In_a_join_an_unqualified_name_the_known_table_lacks_may_come_from_the_json_stream()
    {
        using var dir = new TempFolder();
        dir.Write("desks.csv", "desk,region\nRATES,EU\n");
        const string With = " WITH ('fills.type' = 'kafka_source', 'desks.type' = 'file_source', 'desks.path' = 'desks.csv', 'desks.format' = 'csv')";
        Assert.Empty(Errors(dir, "SELECT f.desk, region, qty FROM fills f JOIN desks d ON f.desk = d.desk" + With));
        Assert.Equal(
            ["1:24: column 'qty' is not in the CSV header of source 'desks' (desk, region)"],
            Errors(dir, "SELECT f.desk, region, d.qty FROM fills f JOIN desks d ON f.desk = d.desk" + With));
    }
}
