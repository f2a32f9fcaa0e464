using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Parsing;

namespace Velostream.Tests.Sql.Parsing;

public sealed class ApplicationFileTests
{
    private const string App = """
        -- SQL Application: trading
        -- @app: trading_pipeline
        -- @version: 1.2.0
        -- @description: Price alerts and candles
        -- @phase: production

        -- -----------------------------------------
        -- @name: price_alerts
        -- @description: Large moves
        -- @metric: velo_alerts_total
        -- @metric: velo_alert_price
        CREATE STREAM price_alerts AS
        SELECT symbol, price FROM market_data WHERE price > 100
        WITH ('market_data.type' = 'file_source', 'market_data.path' = 'md.jsonl',
              'price_alerts.type' = 'file_sink', 'price_alerts.path' = 'out.jsonl');

        -- @name: echo
        SELECT * FROM market_data WITH ('market_data.type' = 'file_source', 'market_data.path' = 'md.jsonl');
        """;

    [Fact]
    public void Header_annotations_describe_the_application()
    {
        var app = SqlApplicationParser.Parse(App, "trading.sql").Application;

        Assert.Equal("trading_pipeline", app.Name);
        Assert.Equal("1.2.0", app.Version);
        Assert.Equal("Price alerts and candles", app.Description);
        Assert.Equal(
            [("app", "trading_pipeline"), ("version", "1.2.0"), ("description", "Price alerts and candles"), ("phase", "production")],
            app.Annotations.Select(a => (a.Key, a.Value)));
    }

    [Fact]
    public void Annotations_from_name_on_belong_to_the_following_statement()
    {
        var app = SqlApplicationParser.Parse(App, "trading.sql").Application;

        var first = app.Statements[0];
        Assert.Equal(
            [("name", "price_alerts"), ("description", "Large moves"), ("metric", "velo_alerts_total"), ("metric", "velo_alert_price")],
            first.Annotations.Select(a => (a.Key, a.Value)));
        Assert.Equal("price_alerts", first.JobName);
        Assert.Equal("echo", app.Statements[1].JobName);
        Assert.Equal((8, 4), (first.Annotations[0].Location.Line, first.Annotations[0].Location.Column));
    }

    [Fact]
    public void Statement_keeps_its_source_text_and_location()
    {
        var app = SqlApplicationParser.Parse(App, "trading.sql").Application;

        var second = app.Statements[1];
        Assert.Equal("SELECT * FROM market_data WITH ('market_data.type' = 'file_source', 'market_data.path' = 'md.jsonl')", second.SourceText);
        Assert.Equal(("trading.sql", 18, 1), (second.Location.File, second.Location.Line, second.Location.Column));
    }

    [Fact]
    public void Without_a_name_annotation_leading_annotations_are_the_header()
    {
        var app = SqlApplicationParser.Parse("-- @app: x\n-- @description: d\nSELECT a FROM t", "a.sql").Application;

        Assert.Equal("d", app.Description);
        Assert.Empty(app.Statements[0].Annotations);
        Assert.Null(app.Statements[0].JobName);
    }

    [Fact]
    public void Comments_that_are_not_key_value_annotations_are_ignored()
    {
        var app = SqlApplicationParser.Parse("-- email me @ home\n-- @flag\n--@k:v\nSELECT a FROM t", "a.sql").Application;

        Assert.Equal([("flag", ""), ("k", "v")], app.Annotations.Select(a => (a.Key, a.Value)));
    }
}
