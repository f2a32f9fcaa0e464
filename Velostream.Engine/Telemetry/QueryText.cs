namespace Velostream.Engine.Telemetry;

/// <summary>
/// The statement as spans show it (<c>db.query.text</c>): without its trailing <c>WITH (…)</c> property list,
/// which holds connector settings such as broker addresses and credentials that have no place in traces.
/// </summary>
internal static class QueryText
{
    public static string WithoutProperties(string statement)
    {
        var text = statement.TrimEnd().TrimEnd(';').TrimEnd();
        if (!text.EndsWith(')'))
        {
            return text;
        }
        // Walk back from the final ')' to its '(' (quotes may contain parentheses), then expect WITH before it.
        var depth = 0;
        var inQuote = false;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c == '\'')
            {
                inQuote = !inQuote;
            }
            else if (!inQuote && c == ')')
            {
                depth++;
            }
            else if (!inQuote && c == '(' && --depth == 0)
            {
                var before = text.AsSpan(0, i).TrimEnd();
                return before.EndsWith("WITH", StringComparison.OrdinalIgnoreCase)
                    && (before.Length == 4 || char.IsWhiteSpace(before[^5]))
                    ? before[..^4].TrimEnd().ToString()
                    : text;
            }
        }
        return text;
    }
}
