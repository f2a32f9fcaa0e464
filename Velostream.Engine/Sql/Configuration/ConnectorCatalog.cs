using Velostream.Engine.Connectors;

namespace Velostream.Engine.Sql.Configuration;

/// <summary>
/// The connector types a WITH clause can name. Properties other than those listed here are
/// passed through to the connector (for Kafka, as librdkafka client settings).
/// </summary>
internal static class ConnectorCatalog
{
    public const string FileSource = "file_source";
    public const string FileSink = "file_sink";
    /// <summary>Velostream's memory-mapped file source; here the same reader as <see cref="FileSource"/>.</summary>
    public const string FileSourceMmap = "file_source_mmap";
    public const string KafkaSource = "kafka_source";
    public const string KafkaSink = "kafka_sink";

    // Velostream's own examples write 'json'; it means the same JSON-lines encoding.
    private static readonly IReadOnlyList<string> FileFormats = ["jsonl", "json", "csv"];

    public static readonly IReadOnlyList<ConnectorType> All =
    [
        new(FileSource, ConnectorRole.Source, ["path"], new Dictionary<string, IReadOnlyList<string>> { ["format"] = FileFormats },
            "reads a JSON-lines or CSV file (bounded); relative paths resolve against the SQL file's folder"),
        new(FileSourceMmap, ConnectorRole.Source, ["path"], new Dictionary<string, IReadOnlyList<string>> { ["format"] = FileFormats },
            "Velostream's memory-mapped file source: read like file_source"),
        new(FileSink, ConnectorRole.Sink, ["path"], new Dictionary<string, IReadOnlyList<string>> { ["format"] = FileFormats },
            "writes JSON lines or CSV, overwriting the file"),
        new(KafkaSource, ConnectorRole.Source, [], new Dictionary<string, IReadOnlyList<string>> { ["format"] = ["json"] },
            "consumes a topic ('topic.name', default the source's name)"),
        new(KafkaSink, ConnectorRole.Sink, [], new Dictionary<string, IReadOnlyList<string>> { ["format"] = ["json"] },
            "produces to a topic ('topic.name', default the sink's name)"),
    ];

    /// <summary>The source of a SELECT without FROM: one record with no columns. Not nameable in WITH, so not in <see cref="All"/>.</summary>
    public static readonly ConnectorType OneRow = new("one_row", ConnectorRole.Source, [], new Dictionary<string, IReadOnlyList<string>>(),
        "one record with no columns (the source of a SELECT without FROM)");

    public static ConnectorType? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True for the connector types that read a file (<c>file_source</c>, <c>file_source_mmap</c>).</summary>
    public static bool IsFileSource(string typeName) =>
        typeName.Equals(FileSource, StringComparison.OrdinalIgnoreCase) || typeName.Equals(FileSourceMmap, StringComparison.OrdinalIgnoreCase);

    /// <summary>The types of a role as suggested in messages (file_source_mmap, an alias of file_source, left out).</summary>
    public static IEnumerable<string> NamesFor(ConnectorRole role) => All.Where(t => t.Role == role && t.Name != FileSourceMmap).Select(t => t.Name);

    /// <summary>The payload format named by a <c>'.format'</c> value (jsonl and json are JSON lines), JSON when absent.</summary>
    public static PayloadFormat ParseFormat(string? value) =>
        string.Equals(value, "csv", StringComparison.OrdinalIgnoreCase) ? PayloadFormat.Csv : PayloadFormat.Json;
}
