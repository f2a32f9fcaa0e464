using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.File;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// What planning knows of a source: its payload format and, for CSV, its columns (the header row).
/// Before a job starts (<c>validate</c>, and the checks <c>run</c> and the job server make first) the
/// header of a CSV file that exists is read; when the file is not there yet <see cref="ColumnsPending"/>
/// says its columns will be known.
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

    /// <summary>
    /// The fields a JSON source's <c>config_file</c> declares (<c>schema.fields</c>), checked against the
    /// names a statement reads; null when it declares none. Only checked: records are still read as
    /// whatever JSON object arrives, and <c>SELECT *</c> still passes each through whole.
    /// </summary>
    public IReadOnlyList<string>? DeclaredFields { get; init; }

    /// <summary>The config_file that declares <see cref="DeclaredFields"/>, as written in WITH.</summary>
    public string? DeclaredIn { get; init; }

    /// <summary>True when the source has named columns (CSV), whether or not they are read yet.</summary>
    public bool HasColumns => Columns is not null;

    /// <summary>
    /// The schema a configured source will have, judged from its configuration and, for a CSV file that
    /// exists already, its header row (<paramref name="baseDirectory"/> resolves a relative path, as the
    /// job will). A CSV file not there yet has its columns pending: the job checks them when it opens it.
    /// </summary>
    public static SourceSchema FromConfig(EndpointConfig config, string? baseDirectory = null)
    {
        var isFile = ConnectorCatalog.IsFileSource(config.Type.Name);
        if (!isFile || ConnectorCatalog.ParseFormat(config.Get("format")) != PayloadFormat.Csv)
        {
            var configFile = config.Get("config_file");
            return new SourceSchema(PayloadFormat.Json, null, IsBounded: isFile || config.Type == ConnectorCatalog.OneRow, IsFile: isFile)
            {
                DeclaredFields = configFile is { Length: > 0 } ? ConfigSchemaFields.Load(ConfigPaths.Resolve(configFile.Trim(), baseDirectory)) : null,
                DeclaredIn = configFile,
            };
        }
        var path = config.Get("path") is { Length: > 0 } p ? (Path.IsPathRooted(p) || baseDirectory is null ? p : Path.Combine(baseDirectory, p)) : null;
        return path is not null && CsvHeaderPeek.TryRead(path) is { } header
            ? new SourceSchema(PayloadFormat.Csv, header, IsBounded: true, IsFile: true)
            : new SourceSchema(PayloadFormat.Csv, [], IsBounded: true, IsFile: true, ColumnsPending: true);
    }
}
