using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Configuration;

/// <summary>
/// A file source's <c>'&lt;name&gt;.config_file'</c> in Velostream's configuration schema: a YAML file
/// (read relative to the SQL file's folder, else the nearest enclosing folder that has it: see <see cref="ConfigPaths"/>) whose <c>file.path</c>, <c>data_source.path</c>,
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
        var settings = Load(ConfigPaths.Resolve(configFile.Value, baseDirectory), errors, 0);
        var result = new List<Property>(own);
        if (AddFirst(result, "path", PathKeys, settings, configFile) is { } added
            && ConfigPaths.FoundInEnclosingFolder(added.Value, baseDirectory) is { } found)
        {
            result[^1] = added with { Value = found };
        }
        AddFirst(result, "format", FormatKeys, settings, configFile);
        return result;
    }

    // The property added (last in the list), or null when WITH gives the key or the file has none of the candidates.
    private static Property? AddFirst(List<Property> into, string key, string[] candidates, IReadOnlyDictionary<string, string> settings, Property at)
    {
        if (into.Any(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        foreach (var candidate in candidates)
        {
            if (settings.TryGetValue(candidate, out var value) && value.Trim().Length > 0)
            {
                var added = new Property(key, value.Trim(), at.KeyLocation, at.ValueLocation);
                into.Add(added);
                return added;
            }
        }
        return null;
    }

    /// <summary>The file's settings with its <c>extends</c> chain merged in (its own win).</summary>
    public static Dictionary<string, string> Load(string path, List<string> errors, int depth)
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
