-- @app: trading
-- @version: 1.0.0
-- @description: Real-time trading analytics over the feed's market data: candles, alerts, spikes, order flow, enrichment and arbitrage

-- @name: ohlc_1s
-- @description: one-second OHLC candles per symbol
CREATE TABLE ohlc_1s AS
SELECT symbol PRIMARY KEY,
       FIRST_VALUE(price) AS open,
       MAX(price) AS high,
       MIN(price) AS low,
       LAST_VALUE(price) AS close,
       SUM(volume) AS volume,
       COUNT(*) AS ticks,
       _window_start AS window_start,
       _window_end AS window_end
FROM market_data
GROUP BY symbol
WINDOW TUMBLING(INTERVAL '1' SECOND)
EMIT FINAL
WITH ('market_data.type' = 'kafka_source',
      'market_data.topic.name' = 'market_data',
      'ohlc_1s.type' = 'kafka_sink',
      'ohlc_1s.topic.name' = 'ohlc_1s');

-- @name: price_alerts
-- @description: prices outside each watched symbol's band
CREATE STREAM price_alerts AS
SELECT symbol,
       exchange,
       price,
       volume,
       CASE WHEN price > 880 OR price < 170 THEN 'HIGH' ELSE 'MEDIUM' END AS severity,
       _event_time AS event_time
FROM market_data
WHERE (symbol = 'NVDA' AND (price > 880 OR price < 870))
   OR (symbol = 'AAPL' AND (price > 192 OR price < 187))
   OR (symbol = 'TSLA' AND (price > 245 OR price < 239))
EMIT CHANGES
WITH ('market_data.type' = 'kafka_source',
      'market_data.topic.name' = 'market_data',
      'price_alerts.type' = 'kafka_sink',
      'price_alerts.topic.name' = 'price_alerts',
      'failure.strategy' = 'dead_letter');

-- @name: volume_spikes
-- @description: symbols trading far above their usual volume over the last 10 seconds
CREATE TABLE volume_spikes AS
SELECT symbol PRIMARY KEY,
       SUM(volume) AS total_volume,
       COUNT(*) AS trades,
       MAX(volume) AS largest_trade,
       _window_end AS window_end
FROM market_data
GROUP BY symbol
WINDOW SLIDING(INTERVAL '10' SECOND, INTERVAL '1' SECOND)
HAVING MAX(volume) > 20000
EMIT FINAL
WITH ('market_data.type' = 'kafka_source',
      'market_data.topic.name' = 'market_data',
      'volume_spikes.type' = 'kafka_sink',
      'volume_spikes.topic.name' = 'volume_spikes');

-- @name: order_flow_imbalance
-- @description: buy versus sell pressure per symbol every 5 seconds
CREATE TABLE order_flow_imbalance AS
SELECT symbol PRIMARY KEY,
       SUM(CASE WHEN side = 'BUY' THEN quantity ELSE 0 END) AS buy_quantity,
       SUM(CASE WHEN side = 'SELL' THEN quantity ELSE 0 END) AS sell_quantity,
       COUNT(*) AS orders,
       ROUND((SUM(CASE WHEN side = 'BUY' THEN quantity ELSE 0 END) - SUM(CASE WHEN side = 'SELL' THEN quantity ELSE 0 END)) * 1.0
             / SUM(quantity), 4) AS imbalance,
       _window_end AS window_end
FROM order_book
GROUP BY symbol
WINDOW TUMBLING(INTERVAL '5' SECOND)
EMIT FINAL
WITH ('order_book.type' = 'kafka_source',
      'order_book.topic.name' = 'order_book',
      'order_flow_imbalance.type' = 'kafka_sink',
      'order_flow_imbalance.topic.name' = 'order_flow_imbalance');

-- @name: enriched_positions
-- @description: positions joined with the instrument reference data
CREATE STREAM enriched_positions AS
SELECT p.trader_id,
       p.symbol,
       i.name AS instrument,
       i.sector,
       p.position,
       p.market_price,
       p.position * p.market_price AS exposure,
       p.unrealized_pnl,
       p.realized_pnl
FROM trading_positions p
LEFT JOIN instruments i ON p.symbol = i.symbol
EMIT CHANGES
WITH ('trading_positions.type' = 'kafka_source',
      'trading_positions.topic.name' = 'trading_positions',
      'instruments.type' = 'file_source',
      'instruments.path' = 'instruments.csv',
      'instruments.format' = 'csv',
      'enriched_positions.type' = 'kafka_sink',
      'enriched_positions.topic.name' = 'enriched_positions');

-- @name: arbitrage_opportunities
-- @description: the same symbol quoted more than 25 cents apart on two exchanges within 200 ms
CREATE STREAM arbitrage_opportunities AS
SELECT a.symbol,
       a.exchange AS exchange_a,
       b.exchange AS exchange_b,
       a.price AS price_a,
       b.price AS price_b,
       b.price - a.price AS spread
FROM market_data_a a
JOIN market_data_b b ON a.symbol = b.symbol
  AND b._event_time BETWEEN a._event_time - INTERVAL '200' MILLISECOND AND a._event_time + INTERVAL '200' MILLISECOND
WHERE ABS(b.price - a.price) > 0.25
EMIT CHANGES
WITH ('market_data_a.type' = 'kafka_source',
      'market_data_a.topic.name' = 'market_data_a',
      'market_data_b.type' = 'kafka_source',
      'market_data_b.topic.name' = 'market_data_b',
      'arbitrage_opportunities.type' = 'kafka_sink',
      'arbitrage_opportunities.topic.name' = 'arbitrage_opportunities');
