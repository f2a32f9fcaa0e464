using Velostream.Engine.Connectors;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// What planning knows of a source: its payload format and, for CSV, its columns (the header row).
/// Before a job starts (<c>validate</c>, and the checks <c>run</c> and the job server make first) a CSV
/// file's header is not read yet: <see cref="ColumnsPending"/> says its columns will be known.
/// </summary>
internal sealed record SourceSchema(PayloadFormat Format, IReadOnlyList<string>? Columns, bool IsBounded, bool IsFile, bool ColumnsPending = false)
{
    /// <summary>True when the source has named columns (CSV), whether or not they are read yet.</summary>
    public bool HasColumns => Columns is not null;

    /// <summary>The schema a configured source will have, judged from its configuration alone.</summary>
    public static SourceSchema FromConfig(EndpointConfig config)
    {
        var isFile = ConnectorCatalog.IsFileSource(config.Type.Name);
        return isFile && ConnectorCatalog.ParseFormat(config.Get("format")) == PayloadFormat.Csv
            ? new SourceSchema(PayloadFormat.Csv, [], IsBounded: true, IsFile: true, ColumnsPending: true)
            : new SourceSchema(PayloadFormat.Json, null, IsBounded: isFile, IsFile: isFile);
    }
}
