using Velostream.Engine.Sql;
using Velostream.Tests.Support;

namespace Velostream.Tests.Sql.Parsing;

/// <summary>
/// Velostream's statement forms besides CREATE STREAM … AS SELECT: INSERT INTO, SELECT … INTO,
/// and CREATE STREAM name WITH (…) declarations of the sources and sinks other statements use.
/// </summary>
public sealed class StatementFormTests
{
    private const string Orders = """
        {"id":1,"amount":120.00,"region":"EU"}
        {"id":2,"amount":35.50,"region":"US"}
        {"id":3,"amount":900.00,"region":"US"}

        """;

    [Fact]
    public void Declarations_configure_the_source_and_sinks_of_insert_into_and_select_into()
    {
        using var dir = new TempFolder();
        dir.Write("orders.jsonl", Orders);
        var sql = dir.Write("app.sql", """
            CREATE STREAM orders WITH ('path' = 'orders.jsonl', 'format' = 'jsonl');
            CREATE STREAM large_orders WITH ('large_orders.path' = 'large.jsonl');

            INSERT INTO large_orders SELECT id, amount FROM orders WHERE amount >= 100;

            CREATE STREAM us_orders AS
            SELECT id, region FROM orders WHERE region = 'US'
            INTO us_file
            WITH ('us_file.type' = 'file_sink', 'us_file.path' = 'us.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"id\":1,\"amount\":120.00}\n{\"id\":3,\"amount\":900.00}\n", dir.Read("large.jsonl"));
        Assert.Equal("{\"id\":2,\"region\":\"US\"}\n{\"id\":3,\"region\":\"US\"}\n", dir.Read("us.jsonl"));
        Assert.Contains("job large_orders: in=3 out=2", result.Errors, StringComparison.Ordinal);
        Assert.Contains("job us_orders: in=3 out=2", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declaration_without_type_is_kafka_and_a_statement_own_property_wins()
    {
        var check = SqlFrontEnd.Check("""
            CREATE STREAM trades WITH ('topic.name' = 'raw-trades', 'group.id' = 'g1');
            SELECT symbol FROM trades INTO alerts WITH ('alerts.type' = 'file_sink', 'alerts.path' = 'a.jsonl', 'trades.group.id' = 'g2');
            """, "app.sql");

        Assert.Empty(check.Diagnostics);
        var source = check.Statements.Single().SourceConfigs.Single();
        Assert.Equal(("kafka_source", "raw-trades", "g2"), (source.Type.Name, source.Get("topic.name"), source.Get("group.id")));
    }

    [Theory]
    [InlineData("SELECT a FROM t INTO x, y WITH ('t.type' = 'kafka_source')", "app.sql:1:23: error: one sink per statement (write one statement per sink), expected the end of INTO, found ','")]
    [InlineData("INSERT INTO s SELECT a FROM t INTO x", "app.sql:1:36: error: INSERT INTO already names the sink; remove this INTO")]
    [InlineData("INSERT INTO s SELECT a FROM t WITH ('t.type' = 'kafka_source')", "app.sql:1:13: error: INTO s has no sink; add 's.type' = 'file_sink' or 'kafka_sink' to WITH")]
    public void Located_errors(string sql, string error)
    {
        Assert.Equal(error, SqlFrontEnd.Check(sql, "app.sql").Diagnostics.First().ToString());
    }
}
