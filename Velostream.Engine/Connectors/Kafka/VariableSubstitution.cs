using System.Text;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Expands <c>${VAR}</c> and <c>${VAR:default}</c> from environment variables, as Velostream's config
/// files do, so that secrets and addresses stay out of SQL and YAML.
/// </summary>
internal static class VariableSubstitution
{
    public static string Apply(string text, Func<string, string?>? lookup = null)
    {
        var start = text.IndexOf("${", StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }
        lookup ??= Environment.GetEnvironmentVariable;
        var result = new StringBuilder(text.Length);
        var position = 0;
        while (start >= 0)
        {
            var end = text.IndexOf('}', start + 2);
            if (end < 0)
            {
                break;
            }
            result.Append(text, position, start - position);
            var body = text.AsSpan(start + 2, end - start - 2);
            var colon = body.IndexOf(':');
            var variable = (colon < 0 ? body : body[..colon]).ToString();
            var value = lookup(variable);
            result.Append(string.IsNullOrEmpty(value) && colon >= 0 ? body[(colon + 1)..].ToString() : value ?? "");
            position = end + 1;
            start = text.IndexOf("${", position, StringComparison.Ordinal);
        }
        result.Append(text, position, text.Length - position);
        return result.ToString();
    }
}
