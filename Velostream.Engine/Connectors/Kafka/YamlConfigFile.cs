using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Reads a connector's <c>config_file</c>: a YAML mapping whose nested keys are joined with dots
/// (<c>security: {protocol: SSL}</c> is <c>security.protocol = SSL</c>). Errors name the file and line.
/// </summary>
internal static class YamlConfigFile
{
    /// <param name="skipLists">Leave out sequences (a table's <c>schema.fields</c>) instead of reporting them.</param>
    public static IReadOnlyDictionary<string, string> Load(string path, List<string> errors, bool skipLists = false)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (IOException e)
        {
            errors.Add($"{path}: cannot read config file: {e.Message}");
            return result;
        }
        catch (UnauthorizedAccessException e)
        {
            errors.Add($"{path}: cannot read config file: {e.Message}");
            return result;
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            errors.Add($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}");
            return result;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some malformed input instead of a YamlException.
            errors.Add($"{path}: not valid YAML: {e.Message}");
            return result;
        }
        if (stream.Documents.Count == 0)
        {
            return result;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var start = stream.Documents[0].RootNode.Start;
            errors.Add($"{path}:{start.Line}:{start.Column}: expected a mapping of properties");
            return result;
        }
        Flatten(root, "", result, path, errors, skipLists);
        return result;
    }

    private static void Flatten(YamlMappingNode node, string prefix, Dictionary<string, string> into, string path, List<string> errors, bool skipLists)
    {
        foreach (var (keyNode, valueNode) in node.Children)
        {
            var key = prefix + (keyNode is YamlScalarNode scalarKey ? scalarKey.Value : keyNode.ToString());
            switch (valueNode)
            {
                case YamlScalarNode scalar:
                    into[key] = scalar.Value ?? "";
                    break;
                case YamlMappingNode mapping:
                    Flatten(mapping, key + ".", into, path, errors, skipLists);
                    break;
                case YamlSequenceNode when skipLists:
                    break;
                default:
                    errors.Add($"{path}:{valueNode.Start.Line}:{valueNode.Start.Column}: '{key}' must be a value or a mapping");
                    break;
            }
        }
    }
}
