using System.Text;
using System.Text.Json;
using Velostream.Engine.Cli;

namespace Velostream.Tests.Differential;

/// <summary>
/// Runs one query through the engine the way a user does: a SQL application file with file
/// sources and a file sink, executed by the <c>run</c> verb in process; the output JSON lines are
/// read back into a <see cref="ResultSet"/>.
/// </summary>
internal static class EngineHarness
{
    /// <param name="dataDirectory">Where the data set's files are.</param>
    /// <param name="workDirectory">A fresh folder for this query's application file and output.</param>
    /// <param name="query">A SELECT (with WINDOW/EMIT clauses as needed) over trades/instruments/quotes.</param>
    /// <param name="properties">Extra job properties, e.g. the watermark.</param>
    public static ResultSet Run(string dataDirectory, string workDirectory, string query, IEnumerable<string> properties)
    {
        Directory.CreateDirectory(workDirectory);
        var with = new List<string>();
        foreach (var source in new[] { "trades", "instruments", "quotes" })
        {
            if (query.Contains(source, StringComparison.Ordinal))
            {
                var path = Path.Combine(dataDirectory, source + ".jsonl").Replace("'", "''", StringComparison.Ordinal);
                with.Add($"'{source}.type' = 'file_source'");
                with.Add($"'{source}.path' = '{path}'");
                with.Add($"'{source}.format' = 'jsonl'");
            }
        }
        with.Add("'result.type' = 'file_sink'");
        with.Add("'result.path' = 'result.jsonl'");
        with.Add("'result.format' = 'jsonl'");
        with.AddRange(properties);
        var app = $"""
            -- @app: differential
            -- @version: 1
            -- @description: one differential query against DuckDB
            -- @name: result
            CREATE STREAM result AS
            {query}
            WITH (
                {string.Join(",\n    ", with)}
            );

            """;
        var appPath = Path.Combine(workDirectory, "app.sql");
        File.WriteAllText(appPath, app);
        var exit = CommandLine.Run(["run", appPath]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"run exited with {exit} for:\n{app}");
        }
        return Read(Path.Combine(workDirectory, "result.jsonl"));
    }

    /// <summary>Reads JSON lines; every line must have the same keys in the same order.</summary>
    private static ResultSet Read(string path)
    {
        string[]? columns = null;
        var rows = new List<Cell[]>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            using var document = JsonDocument.Parse(line);
            var properties = document.RootElement.EnumerateObject().ToArray();
            var names = properties.Select(p => p.Name).ToArray();
            columns ??= names;
            if (!names.SequenceEqual(columns, StringComparer.Ordinal))
            {
                throw new InvalidOperationException($"{path}:{lineNumber}: keys [{string.Join(", ", names)}] differ from the first line's [{string.Join(", ", columns)}]");
            }
            rows.Add(properties.Select(p => ToCell(p.Value)).ToArray());
        }
        return new ResultSet(columns ?? [], rows);
    }

    private static Cell ToCell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => Cell.Null,
        JsonValueKind.String => Cell.Of(value.GetString()!),
        JsonValueKind.True => Cell.Of(true),
        JsonValueKind.False => Cell.Of(false),
        // Exact when the text fits a decimal (integers, decimals); DOUBLEs in exponent form too.
        JsonValueKind.Number => value.TryGetDecimal(out var d) ? Cell.Of(d) : Cell.Of(value.GetDouble()),
        _ => throw new InvalidOperationException($"unexpected JSON value in engine output: {value.GetRawText()}"),
    };
}
