using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Configuration;

/// <summary>
/// A statement's unprefixed <c>'config_file'</c>, as Velostream's CREATE TABLE … AS SELECT uses it: a
/// YAML file in its data-source schema (<c>data_source: {type: file, path: …, format: csv}</c>) that
/// configures the statement's FROM source when WITH gives that source neither a type nor its own
/// config file. <c>data_source.type</c> (or <c>source.type</c>, <c>type</c>) <c>file</c> makes it a
/// file source, <c>kafka</c> a Kafka source; without a type it is a file when a path is given.
/// Relative paths resolve as <see cref="ConfigPaths"/> says.
/// </summary>
internal static class JobConfigFile
{
    public const string Key = "config_file";
    private static readonly string[] TypeKeys = ["data_source.type", "source.type", "type"];
    private static readonly string[] PathKeys = ["file.path", "data_source.path", "source.path", "path"];

    /// <summary>
    /// <paramref name="properties"/> with <c>'&lt;source&gt;.type'</c> and <c>'&lt;source&gt;.config_file'</c>
    /// added (located at the config_file entry) when the job-level config file applies to <paramref name="source"/>.
    /// Problems reading the file go to <paramref name="errors"/>.
    /// </summary>
    public static PropertyList Apply(PropertyList properties, string source, string? baseDirectory, List<string> errors)
    {
        if (properties.Find(Key) is not { } file
            || properties.Find($"{source}.type") is not null
            || properties.Find($"{source}.{Key}") is not null)
        {
            return properties;
        }
        if (file.Value.Trim().Length == 0)
        {
            errors.Add("'config_file' is empty; name a YAML file that configures the FROM source");
            return properties;
        }
        var path = Path.GetFullPath(ConfigPaths.Resolve(file.Value.Trim(), baseDirectory));
        if (!File.Exists(path))
        {
            errors.Add($"config file '{file.Value.Trim()}' not found in the SQL file's folder ({Path.GetFullPath(baseDirectory ?? ".")}) or any folder enclosing it");
            return properties;
        }
        var settings = FileSourceConfigFile.Load(path, errors, 0);
        var written = TypeKeys.Select(k => settings.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        string? type = written?.ToLowerInvariant() switch
        {
            null => PathKeys.Any(settings.ContainsKey) ? ConnectorCatalog.FileSource : ConnectorCatalog.KafkaSource,
            "file" => ConnectorCatalog.FileSource,
            "kafka" => ConnectorCatalog.KafkaSource,
            var name when ConnectorCatalog.Find(name) is { Role: ConnectorRole.Source } known => known.Name,
            _ => null,
        };
        if (type is null)
        {
            errors.Add($"{path}: unknown data source type '{written}' (expected file or kafka)");
            return properties;
        }
        Property At(string key, string value) => new(key, value, file.KeyLocation, file.ValueLocation);
        return properties with { Items = [.. properties.Items, At($"{source}.type", type), At($"{source}.{Key}", path)] };
    }
}
