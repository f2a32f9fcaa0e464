using Velostream.Engine.Connectors;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// What planning knows of a source: its payload format and, for CSV, its columns (the header row).
/// Before a job starts (<c>validate</c>, and the checks <c>run</c> and the job server make first) a CSV
/// file's header is not read yet: <see cref="ColumnsPending"/> says its columns will be known.
/// </summary>
internal sealed record SourceSchema(PayloadFormat Format, IReadOnlyList<string>? Columns, bool IsBounded, bool IsFile, bool ColumnsPending = false)
{
    /// <summary>The statement whose output this source reads (a CREATE … AS SELECT of the same application); null for a connector.</summary>
    public string? Producer { get; init; }

    /// <summary>
    /// A source reading another statement's output: its columns are that statement's output columns
    /// (unknown when it selects <c>*</c> or an unnamed expression).
    /// </summary>
    public static SourceSchema FromStatement(Statement producer) =>
        new(PayloadFormat.Json, OutputNames(producer.Query), IsBounded: false, IsFile: false) { Producer = producer.Target?.Name };

    private static List<string>? OutputNames(SelectQuery query)
    {
        var names = new List<string>();
        foreach (var item in query.Items)
        {
            var name = item is ExpressionItem e ? e.Alias?.Name ?? (e.Expression as ColumnRef)?.Name : null;
            if (name is null)
            {
                return null;
            }
            names.Add(name);
        }
        return names;
    }

    /// <summary>True when the source has named columns (CSV), whether or not they are read yet.</summary>
    public bool HasColumns => Columns is not null;

    /// <summary>The schema a configured source will have, judged from its configuration alone.</summary>
    public static SourceSchema FromConfig(EndpointConfig config)
    {
        var isFile = ConnectorCatalog.IsFileSource(config.Type.Name);
        return isFile && ConnectorCatalog.ParseFormat(config.Get("format")) == PayloadFormat.Csv
            ? new SourceSchema(PayloadFormat.Csv, [], IsBounded: true, IsFile: true, ColumnsPending: true)
            : new SourceSchema(PayloadFormat.Json, null, IsBounded: isFile || config.Type == ConnectorCatalog.OneRow, IsFile: isFile);
    }
}
