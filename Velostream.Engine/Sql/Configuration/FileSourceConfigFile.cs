using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Configuration;

/// <summary>
/// A file source's <c>'&lt;name&gt;.config_file'</c> in Velostream's configuration schema: a YAML file
/// (read relative to the SQL file's folder) whose <c>file.path</c>, <c>data_source.path</c>,
/// <c>source.path</c> or <c>path</c> gives the data file and whose <c>file.format</c>,
/// <c>data_source.format</c> or <c>format</c> its format; <c>extends: base.yaml</c> (relative to the
/// YAML file) supplies defaults. Properties written in WITH win over the file's.
/// </summary>
internal static class FileSourceConfigFile
{
    private static readonly string[] PathKeys = ["path", "file.path", "data_source.path", "source.path"];
    private static readonly string[] FormatKeys = ["format", "file.format", "data_source.format", "source.format"];
    private const int MaxExtendsDepth = 8;

    /// <summary>
    /// <paramref name="own"/> with <c>path</c> and <c>format</c> added from the config file when WITH does
    /// not give them. The added properties are located at the config_file value. Problems go to <paramref name="errors"/>.
    /// </summary>
    public static List<Property> Expand(List<Property> own, Property configFile, string? baseDirectory, List<string> errors)
    {
        var path = Path.IsPathRooted(configFile.Value) || baseDirectory is null
            ? configFile.Value
            : Path.Combine(baseDirectory, configFile.Value);
        var settings = Load(path, errors, 0);
        var result = new List<Property>(own);
        AddFirst(result, "path", PathKeys, settings, configFile);
        AddFirst(result, "format", FormatKeys, settings, configFile);
        return result;
    }

    private static void AddFirst(List<Property> into, string key, string[] candidates, IReadOnlyDictionary<string, string> settings, Property at)
    {
        if (into.Any(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }
        foreach (var candidate in candidates)
        {
            if (settings.TryGetValue(candidate, out var value) && value.Trim().Length > 0)
            {
                into.Add(new Property(key, value.Trim(), at.KeyLocation, at.ValueLocation));
                return;
            }
        }
    }

    private static Dictionary<string, string> Load(string path, List<string> errors, int depth)
    {
        var own = YamlConfigFile.Load(path, errors, skipLists: true);
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (own.TryGetValue("extends", out var parent) && parent.Length > 0)
        {
            if (depth >= MaxExtendsDepth)
            {
                errors.Add($"{path}: 'extends' nested more than {MaxExtendsDepth} deep");
            }
            else
            {
                var parentPath = Path.IsPathRooted(parent) ? parent : Path.Combine(Path.GetDirectoryName(path) ?? "", parent);
                foreach (var (key, value) in Load(parentPath, errors, depth + 1))
                {
                    merged[key] = value;
                }
            }
        }
        foreach (var (key, value) in own)
        {
            merged[key] = value;
        }
        return merged;
    }
}
