using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Tests.Sql.Validation;

public sealed class BindingTests
{
    private static BoundStatement Bind(string sql)
    {
        var result = SqlFrontEnd.Check(sql, "app.sql");
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Statements);
    }

    private static IEnumerable<(string Column, ColumnBindingKind Kind, int Source)> Columns(BoundStatement bound) =>
        bound.Bindings.Values
            .OrderBy(b => b.Column.Location.Offset)
            .Select(b => (b.Column.ToString(), b.Kind, b.SourceIndex));

    [Fact]
    public void Qualified_columns_bind_to_their_source_by_alias_or_name()
    {
        var bound = Bind("SELECT m.symbol, instruments.name, price FROM market_data m LEFT JOIN instruments ON m.symbol = instruments.symbol " +
                         "WITH ('market_data.type' = 'kafka_source', 'instruments.type' = 'file_source', 'instruments.path' = 'i.csv', 'instruments.format' = 'csv')");

        Assert.Equal(
            [("m.symbol", ColumnBindingKind.Source, 0), ("instruments.name", ColumnBindingKind.Source, 1), ("price", ColumnBindingKind.AnySource, -1),
             ("m.symbol", ColumnBindingKind.Source, 0), ("instruments.symbol", ColumnBindingKind.Source, 1)],
            Columns(bound));
    }

    [Fact]
    public void Unqualified_columns_of_a_single_source_bind_to_it_and_aliases_bind_in_having()
    {
        var bound = Bind("SELECT symbol, COUNT(*) AS n FROM t GROUP BY symbol HAVING n > 1 WITH ('t.type' = 'kafka_source')");

        Assert.Equal(
            [("symbol", ColumnBindingKind.Source, 0), ("symbol", ColumnBindingKind.Source, 0), ("n", ColumnBindingKind.SelectAlias, -1)],
            Columns(bound));
        var having = bound.Bindings.Values.Single(b => b.Kind == ColumnBindingKind.SelectAlias);
        Assert.Equal("COUNT(*)", having.Item!.Expression.ToString());
    }

    [Fact]
    public void Sources_and_sink_come_out_configured_without_their_prefix()
    {
        var bound = Bind("""
            CREATE STREAM alerts AS SELECT symbol FROM market_data
            WITH ('market_data.type' = 'file_source', 'market_data.path' = 'md.csv', 'market_data.format' = 'csv',
                  'alerts.type' = 'kafka_sink', 'alerts.topic.name' = 'price_alerts', 'alerts.linger.ms' = '5')
            """);

        var source = Assert.Single(bound.SourceConfigs);
        Assert.Equal(("market_data", ConnectorCatalog.FileSource), (source.Name, source.Type.Name));
        Assert.Equal([("type", "file_source"), ("path", "md.csv"), ("format", "csv")], source.Properties.Select(p => (p.Key, p.Value)));
        Assert.Equal(Velostream.Engine.Connectors.PayloadFormat.Csv, ConnectorCatalog.ParseFormat(source.Get("format")));
        Assert.Equal(("alerts", ConnectorCatalog.KafkaSink, "price_alerts", "5"), (bound.Sink!.Name, bound.Sink.Type.Name, bound.Sink.Get("topic.name"), bound.Sink.Get("linger.ms")));
    }

    [Fact]
    public void Job_keys_become_settings()
    {
        var bound = Bind("""
            -- @name: candles
            CREATE STREAM c AS SELECT symbol, COUNT(*) FROM t WINDOW TUMBLING(1s) GROUP BY symbol EMIT FINAL
            WITH ('t.type' = 'kafka_source', 'c.type' = 'kafka_sink',
                  'watermark.max_out_of_orderness' = '5s', 'late.data.strategy' = 'dead_letter',
                  'failure.strategy' = 'fail', 'use_transactions' = 'false', 'candles.dlq.path' = 'dlq.jsonl')
            """);

        Assert.Equal(
            new JobSettings(TimeSpan.FromSeconds(5), LateDataStrategy.DeadLetter, FailureStrategy.Fail, false, "dlq.jsonl", null),
            bound.Settings);
        Assert.True(bound.IsAggregating);
    }

    [Fact]
    public void Defaults_apply_when_no_job_keys_are_given()
    {
        var bound = Bind("SELECT a FROM t WITH ('t.type' = 'kafka_source')");

        Assert.Equal(JobSettings.Default, bound.Settings);
        Assert.Null(bound.Sink);
        Assert.False(bound.IsAggregating);
    }

    [Fact]
    public void Job_level_event_time_field_applies_to_the_from_source_unless_it_names_its_own()
    {
        var joined = Bind("SELECT m.a FROM m JOIN r ON m.k = r.k WITH ('m.type' = 'kafka_source', 'r.type' = 'kafka_source', 'event.time.field' = 'ts')");
        var own = Bind("SELECT a FROM m WITH ('m.type' = 'kafka_source', 'm.event.time.field' = 'trade_time', 'event.time.field' = 'ts')");

        Assert.Equal(("ts", null), (joined.SourceConfigs[0].Get("event.time.field"), joined.SourceConfigs[1].Get("event.time.field")));
        Assert.Equal("trade_time", own.SourceConfigs[0].Get("event.time.field"));
    }

    [Fact]
    public void Format_json_is_accepted_as_json_lines()
    {
        var bound = Bind("SELECT a FROM t WITH ('t.type' = 'file_source', 't.path' = 'x', 't.format' = 'json')");

        Assert.Equal(Velostream.Engine.Connectors.PayloadFormat.Json, ConnectorCatalog.ParseFormat(bound.SourceConfigs[0].Get("format")));
    }
}
