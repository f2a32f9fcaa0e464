using System.Numerics;
using DuckDB.NET.Data;

namespace Velostream.Tests.Differential;

/// <summary>
/// DuckDB (in process, one thread) over the same JSON-lines files, read with explicit column types
/// so that prices and fees are exact decimals as in the engine. It answers the reference result
/// of every differential query.
/// </summary>
internal sealed class DuckDbOracle : IDisposable
{
    private readonly DuckDBConnection _connection;

    public DuckDbOracle(string dataDirectory)
    {
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        Execute("SET threads TO 1");
        Load(dataDirectory, "trades",
            "{id: 'BIGINT', symbol: 'VARCHAR', side: 'VARCHAR', price: 'DECIMAL(18,2)', qty: 'BIGINT', fee: 'DECIMAL(18,4)', ts: 'BIGINT', note: 'VARCHAR'}");
        Load(dataDirectory, "instruments",
            "{symbol: 'VARCHAR', sector: 'VARCHAR', multiplier: 'DECIMAL(18,3)', lot_size: 'BIGINT'}");
        Load(dataDirectory, "quotes",
            "{qid: 'BIGINT', symbol: 'VARCHAR', bid: 'DECIMAL(18,2)', ask: 'DECIMAL(18,2)', ts: 'BIGINT'}");
        // Window bounds print as the engine prints TIMESTAMPs: ISO-8601 UTC with milliseconds.
        Execute("CREATE MACRO iso(ms) AS strftime(epoch_ms(ms), '%Y-%m-%dT%H:%M:%S.%gZ')");
        // CORR of fewer than two pairs, or of a constant, is NULL in the engine (as in PostgreSQL), NaN in DuckDB.
        Execute("CREATE MACRO nan_as_null(x) AS CASE WHEN isnan(x) THEN NULL ELSE x END");
    }

    public ResultSet Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<Cell[]>();
        while (reader.Read())
        {
            var row = new Cell[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = ToCell(reader.GetValue(i));
            }
            rows.Add(row);
        }
        return new ResultSet(columns, rows);
    }

    private static Cell ToCell(object? value) => value switch
    {
        null or DBNull => Cell.Null,
        long v => Cell.Of((decimal)v),
        int v => Cell.Of((decimal)v),
        short v => Cell.Of((decimal)v),
        sbyte v => Cell.Of((decimal)v),
        byte v => Cell.Of((decimal)v),
        ulong v => Cell.Of((decimal)v),
        uint v => Cell.Of((decimal)v),
        BigInteger v => Cell.Of((decimal)v),
        decimal v => Cell.Of(v),
        double v => Cell.Of(v),
        float v => Cell.Of((double)v),
        string v => Cell.Of(v),
        bool v => Cell.Of(v),
        _ => throw new NotSupportedException($"DuckDB value of type {value.GetType()} in a differential result: format it as text in the query"),
    };

    private void Load(string directory, string table, string columns)
    {
        var path = Path.Combine(directory, table + ".jsonl").Replace("'", "''", StringComparison.Ordinal);
        Execute($"CREATE TABLE {table} AS SELECT * FROM read_json('{path}', format = 'newline_delimited', columns = {columns})");
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
