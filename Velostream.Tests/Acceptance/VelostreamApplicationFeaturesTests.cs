using Velostream.Tests.Support;

namespace Velostream.Tests.Acceptance;

/// <summary>
/// The constructs Velostream's own trading and compliance applications are written with, in one
/// application of our own over our own data: reference tables configured only by a config_file
/// YAML, a memory-mapped file source, NOT EXISTS and IN / NOT IN subqueries against tables, a
/// one-row limits table joined ON true, a reused SELECT alias, and declared sinks filled by
/// INSERT INTO and SELECT … INTO.
/// </summary>
public sealed class VelostreamApplicationFeaturesTests
{
    private const string Fills = """
        {"fill_id":1,"symbol":"ACME","trader":"ann","qty":100,"price":10.00}
        {"fill_id":2,"symbol":"BOLT","trader":"bob","qty":300,"price":20.00}
        {"fill_id":3,"symbol":"CRUX","trader":"cat","qty":50,"price":40.00}
        {"fill_id":4,"symbol":"ACME","trader":"dan","qty":900,"price":11.00}
        {"fill_id":5,"symbol":"DUSK","trader":"ann","qty":10,"price":5.00}
        {"fill_id":6,"symbol":"BOLT","trader":"eve","qty":20,"price":21.00}

        """;

    [Fact]
    public void A_compliance_and_risk_application_runs_on_files_with_the_results_worked_out_by_hand()
    {
        using var dir = new TempFolder();
        dir.Write("data/fills.jsonl", Fills);
        dir.Write("data/watchlist.csv", "symbol,trader,status\nCRUX,,BLOCKED\n,eve,BLOCKED\nDUSK,,CLEARED\n");
        dir.Write("data/listings.csv", "symbol,venue,state\nACME,XNYS,OPEN\nBOLT,XNAS,OPEN\nCRUX,XNYS,OPEN\nDUSK,XLON,CLOSED\n");
        dir.Write("data/halts.csv", "symbol,reason\nBOLT,news\n");
        dir.Write("data/firm_limits.csv", "max_notional\n5000\n");
        dir.Write("configs/table_defaults.yaml", "data_source:\n  type: file\n  format: csv\n");
        dir.Write("configs/watchlist.yaml", "extends: table_defaults.yaml\nfile:\n  path: ../data/watchlist.csv\nschema:\n  fields:\n    - name: symbol\n");
        dir.Write("configs/listings.yaml", "extends: table_defaults.yaml\ndata_source:\n  path: ../data/listings.csv\n");
        dir.Write("configs/halts.yaml", "source:\n  path: ../data/halts.csv\n  format: csv\n");
        var sql = dir.Write("apps/desk.sql", """
            -- @app: desk_controls
            -- @version: 1.0.0

            CREATE STREAM cleared_fills WITH ('path' = 'out/cleared.jsonl');
            CREATE STREAM tradable_fills WITH ('path' = 'out/tradable.jsonl');

            -- @name: compliance
            INSERT INTO cleared_fills
            SELECT f.fill_id, f.symbol, f.trader
            FROM fills f
            WHERE NOT EXISTS (
                SELECT 1 FROM watchlist w
                WHERE (w.symbol = f.symbol OR w.trader = f.trader) AND w.status = 'BLOCKED'
            )
            WITH ('fills.type' = 'file_source_mmap', 'fills.path' = '../data/fills.jsonl',
                  'watchlist.type' = 'file_source', 'watchlist.config_file' = '../configs/watchlist.yaml');

            -- @name: tradable
            SELECT f.fill_id, f.symbol
            FROM fills f
            WHERE f.symbol IN (SELECT symbol FROM listings WHERE state = 'OPEN')
              AND f.symbol NOT IN (SELECT symbol FROM halts)
            INTO tradable_fills
            WITH ('fills.type' = 'file_source', 'fills.path' = '../data/fills.jsonl',
                  'listings.type' = 'file_source', 'listings.config_file' = '../configs/listings.yaml',
                  'halts.type' = 'file_source', 'halts.config_file' = '../configs/halts.yaml');

            -- @name: exposure
            CREATE STREAM exposure AS
            SELECT f.fill_id,
                   f.qty * f.price AS notional,
                   notional - l.max_notional AS over_limit,
                   CASE WHEN over_limit > 0 THEN 'BREACH' ELSE 'OK' END AS status,
                   (SELECT venue FROM listings x WHERE x.symbol = f.symbol) AS venue
            FROM fills f
            LEFT JOIN firm_limits l ON true
            WITH ('fills.type' = 'file_source', 'fills.path' = '../data/fills.jsonl',
                  'firm_limits.type' = 'file_source', 'firm_limits.path' = '../data/firm_limits.csv', 'firm_limits.format' = 'csv',
                  'listings.type' = 'file_source', 'listings.config_file' = '../configs/listings.yaml',
                  'exposure.type' = 'file_sink', 'exposure.path' = 'out/exposure.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        // CRUX is blocked by symbol, eve by trader; DUSK's entry is only CLEARED.
        Assert.Equal("""
            {"fill_id":1,"symbol":"ACME","trader":"ann"}
            {"fill_id":2,"symbol":"BOLT","trader":"bob"}
            {"fill_id":4,"symbol":"ACME","trader":"dan"}
            {"fill_id":5,"symbol":"DUSK","trader":"ann"}

            """, dir.Read("apps/out/cleared.jsonl"));
        // DUSK's listing is closed and BOLT is halted.
        Assert.Equal("""
            {"fill_id":1,"symbol":"ACME"}
            {"fill_id":3,"symbol":"CRUX"}
            {"fill_id":4,"symbol":"ACME"}

            """, dir.Read("apps/out/tradable.jsonl"));
        Assert.Equal("""
            {"fill_id":1,"notional":1000.00,"over_limit":-4000.00,"status":"OK","venue":"XNYS"}
            {"fill_id":2,"notional":6000.00,"over_limit":1000.00,"status":"BREACH","venue":"XNAS"}
            {"fill_id":3,"notional":2000.00,"over_limit":-3000.00,"status":"OK","venue":"XNYS"}
            {"fill_id":4,"notional":9900.00,"over_limit":4900.00,"status":"BREACH","venue":"XNYS"}
            {"fill_id":5,"notional":50.00,"over_limit":-4950.00,"status":"OK","venue":"XLON"}
            {"fill_id":6,"notional":420.00,"over_limit":-4580.00,"status":"OK","venue":"XNAS"}

            """, dir.Read("apps/out/exposure.jsonl"));
    }
}
