using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Velostream.Engine.Sql.Configuration;

/// <summary>
/// The field names a source's <c>config_file</c> declares in Velostream's configuration schema:
/// <c>schema: {fields: [{name: symbol, type: string}, …]}</c>, from the file or the first file of its
/// <c>extends</c> chain that has them. Null when none is declared or the file cannot be read (the
/// connector's own loading reports that).
/// </summary>
internal static class ConfigSchemaFields
{
    private const int MaxExtendsDepth = 8;

    public static IReadOnlyList<string>? Load(string path, int depth = 0)
    {
        if (depth > MaxExtendsDepth || !File.Exists(path)) return null;
        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (Exception e) when (e is YamlException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
        if (root is null) return null;
        if (Child(Child(root, "schema") as YamlMappingNode, "fields") is YamlSequenceNode fields)
        {
            var names = new List<string>();
            foreach (var field in fields.Children)
            {
                // Every entry must name its field, or the declaration is not one we can trust.
                if ((field as YamlMappingNode) is not { } mapping || (Child(mapping, "name") as YamlScalarNode)?.Value is not { Length: > 0 } name) return null;
                names.Add(name.Trim());
            }
            return names.Count > 0 ? names : null;
        }
        return Child(root, "extends") is YamlScalarNode { Value: { Length: > 0 } parent }
            ? Load(Path.IsPathRooted(parent) ? parent : Path.Combine(Path.GetDirectoryName(path) ?? "", parent), depth + 1)
            : null;
    }

    private static YamlNode? Child(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
}
