using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Ast;

namespace Velostream.Tests.Sql.Parsing;

/// <summary>A whole application in the style of Velostream's trading demo parses and validates cleanly.</summary>
public sealed class TradingApplicationTests
{
    internal const string Text = App;

    private const string App = """
        -- =====================================================================
        -- SQL Application: trading analytics
        -- =====================================================================
        -- @app: trading_analytics
        -- @version: 2.0.0
        -- @description: Candles, enrichment, spread alerts and order matching
        -- @observability.tracing.enabled: true
        -- @sla.latency.p99: 50ms

        -- ---------------------------------------------------------------------
        -- @name: market_data_ts
        -- @description: Event-time ingestion
        -- ---------------------------------------------------------------------
        CREATE STREAM market_data_ts AS
        SELECT
            symbol PRIMARY KEY,
            exchange,
            timestamp,
            price,
            bid_price,
            ask_price,
            volume
        FROM in_market_data
        EMIT CHANGES
        WITH (
            -- watermarking
            'watermark.max_out_of_orderness' = '5s',
            'late.data.strategy' = 'dead_letter',
            'in_market_data.type' = 'kafka_source',
            'in_market_data.topic.name' = 'in_market_data',
            'in_market_data.event.time.field' = 'timestamp',
            'in_market_data.group.id' = 'analytics',
            'in_market_data.auto.offset.reset' = 'earliest',
            'market_data_ts.type' = 'kafka_sink',
            'market_data_ts.topic.name' = 'market_data_ts'
        );

        -- @name: tick_buckets
        -- @metric: velo_tick_buckets_total
        -- @metric_labels: symbol
        CREATE STREAM tick_buckets AS
        SELECT
            symbol PRIMARY KEY,
            TUMBLE_START(_event_time, INTERVAL '1' SECOND) AS bucket_start,
            TUMBLE_END(_event_time, INTERVAL '1' SECOND) AS bucket_end,
            AVG(price) AS avg_price,
            MIN(price) AS low,
            MAX(price) AS high,
            SUM(volume) AS total_volume,
            COUNT(*) AS trade_count,
            FIRST_VALUE(price) AS open_price,
            LAST_VALUE(price) AS close_price
        FROM market_data_ts
        WINDOW TUMBLING(_event_time, INTERVAL '1' SECOND)
        GROUP BY symbol
        EMIT FINAL
        WITH (
            'market_data_ts.type' = 'kafka_source',
            'tick_buckets.type' = 'file_sink',
            'tick_buckets.path' = 'out/tick_buckets.jsonl',
            'tick_buckets.format' = 'jsonl'
        );

        -- @name: enriched
        CREATE STREAM enriched AS
        SELECT
            m.symbol PRIMARY KEY,
            m.price,
            r.instrument_name,
            FLOOR(m.price / r.tick_size) * r.tick_size AS normalized_price,
            COALESCE((NOW() - m._event_time) / 1000.0, 0.0) AS latency_seconds
        FROM market_data_ts m
        LEFT JOIN instrument_reference r ON m.symbol = r.symbol
        EMIT CHANGES
        WITH (
            'market_data_ts.type' = 'kafka_source',
            'instrument_reference.type' = 'file_source',
            'instrument_reference.path' = 'reference/instruments.csv',
            'instrument_reference.format' = 'csv',
            'enriched.type' = 'kafka_sink',
            'failure.strategy' = 'dead_letter',
            'enriched.dlq.topic' = 'enriched_dlq'
        );

        -- @name: wide_spreads
        CREATE TABLE wide_spreads AS
        SELECT symbol, AVG(ask_price - bid_price) AS avg_spread, COUNT(*) AS samples
        FROM market_data_ts
        WINDOW SLIDING(_event_time, 5m, 1m)
        GROUP BY symbol
        HAVING AVG(ask_price - bid_price) > 0.05 AND COUNT(*) >= 10
        WITH ('market_data_ts.type' = 'kafka_source');

        -- @name: matched_orders
        CREATE STREAM matched_orders AS
        SELECT o.order_id, o.customer_id, s.shipment_id,
               CASE WHEN s.carrier IS NULL THEN 'unknown' ELSE UPPER(s.carrier) END AS carrier
        FROM orders o
        JOIN shipments s ON o.order_id = s.order_id
            AND s.event_time BETWEEN o.event_time AND o.event_time + INTERVAL '24' HOUR
        EMIT CHANGES
        WITH (
            'orders.type' = 'kafka_source',
            'shipments.type' = 'kafka_source',
            'matched_orders.type' = 'kafka_sink'
        );

        -- @name: preview
        SELECT symbol, price FROM market_data_ts WHERE price > 100 LIMIT 10
        WITH ('market_data_ts.type' = 'kafka_source');
        """;

    [Fact]
    public void Application_validates_without_errors()
    {
        var result = SqlFrontEnd.Check(App, "trading.sql");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(6, result.Statements.Count);
    }

    [Fact]
    public void Statements_keep_their_names_kinds_and_annotations()
    {
        var app = SqlFrontEnd.Check(App, "trading.sql").Application;

        Assert.Equal(("trading_analytics", "2.0.0"), (app.Name, app.Version));
        Assert.Equal("50ms", app.Annotations.Find("sla.latency.p99"));
        Assert.Equal(
            [("market_data_ts", "CreateStreamStatement"), ("tick_buckets", "CreateStreamStatement"), ("enriched", "CreateStreamStatement"),
             ("wide_spreads", "CreateTableStatement"), ("matched_orders", "CreateStreamStatement"), ("preview", "SelectStatement")],
            app.Statements.Select(s => (s.JobName!, s.GetType().Name)));
        Assert.Equal("symbol", app.Statements[1].Annotations.Find("metric_labels"));
    }

    [Fact]
    public void Interval_join_of_the_application_has_a_zero_to_24_hour_bound()
    {
        var app = SqlFrontEnd.Check(App, "trading.sql").Application;

        var interval = app.Statements[4].Query.Joins[0].Interval!;
        Assert.Equal(("s.event_time", "o.event_time", TimeSpan.Zero, TimeSpan.FromHours(24)),
            (interval.Subject.ToString(), interval.Anchor.ToString(), interval.Lower, interval.Upper));
    }
}
