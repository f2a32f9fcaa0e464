using System.Globalization;
using DuckDB.NET.Data;
using Velostream.Benchmarks.Data;

namespace Velostream.Benchmarks.DuckDb;

/// <summary>
/// DuckDB in process with one thread, holding the market data as a table. Loading (JSON parsing,
/// column conversion) happens once, untimed; what is timed is the query alone, its result
/// materialised into a temporary table inside DuckDB (so no per-row ADO.NET marshalling is billed
/// to DuckDB either).
/// </summary>
/// <remarks>
/// DuckDB therefore skips the JSON decoding that the engine and the hand-written baseline pay for
/// on every record: its figures are an upper bound for a batch engine on pre-loaded columns, not
/// a like-for-like streaming comparison.
/// </remarks>
internal sealed class DuckDbContender : IDisposable
{
    private readonly DuckDBConnection _connection;

    private DuckDbContender(DuckDBConnection connection) => _connection = connection;

    /// <summary>
    /// Opens an in-memory database and loads <paramref name="marketData"/> as <c>market_data</c>,
    /// with a <c>seq</c> column holding the arrival order (for FIRST_VALUE/LAST_VALUE).
    /// </summary>
    public static DuckDbContender Load(JsonLines marketData)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var contender = new DuckDbContender(connection);
        contender.Execute("SET threads TO 1");
        var file = Path.Combine(Path.GetTempPath(), $"velostream-bench-{Environment.ProcessId}.jsonl");
        try
        {
            marketData.WriteTo(file);
            contender.Execute($"""
                CREATE TABLE market_data AS
                SELECT row_number() OVER () AS seq, *
                FROM read_json('{file}', format = 'newline_delimited', columns = {MarketDataColumns})
                """);
        }
        finally
        {
            File.Delete(file);
        }
        return contender;
    }

    /// <summary>The market-data schema as DuckDB reads it: prices are exact decimals, as in the engine.</summary>
    public const string MarketDataColumns =
        "{symbol: 'VARCHAR', exchange: 'VARCHAR', price: 'DECIMAL(18,2)', volume: 'BIGINT', bid: 'DECIMAL(18,2)', ask: 'DECIMAL(18,2)', timestamp: 'BIGINT'}";

    /// <summary>
    /// Runs <paramref name="query"/> into a temporary table and returns its row count (a count of a
    /// materialised table costs microseconds, negligible next to the query).
    /// </summary>
    public long RunQuery(string query)
    {
        Execute($"CREATE OR REPLACE TEMP TABLE result AS {query}");
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM result";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Drops the previous result (untimed, between iterations).</summary>
    public void DropResult() => Execute("DROP TABLE IF EXISTS result");

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
