using System.Text;

namespace Velostream.Engine.Sql.Syntax;

/// <summary>
/// Prints diagnostics the way compilers do (clang style), so editors and CI logs can jump to them:
/// <code>
/// app.sql:3:8: error: unknown function AVGG (did you mean AVG?)
/// SELECT AVGG(price) FROM trades
///        ^~~~
/// </code>
/// </summary>
internal static class DiagnosticFormatter
{
    public static string Format(SqlDiagnostic diagnostic, string text)
    {
        var location = diagnostic.Location;
        var builder = new StringBuilder();
        builder.Append(location.File).Append(':').Append(location.Line).Append(':').Append(location.Column)
            .Append(": error: ").Append(diagnostic.Message).Append('\n');

        var lineStart = Math.Clamp(location.Offset - (location.Column - 1), 0, text.Length);
        var lineEnd = text.IndexOf('\n', lineStart);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }
        var line = text[lineStart..lineEnd].TrimEnd('\r');
        builder.Append(line).Append('\n');

        // Keep tabs from the source line so the caret lines up in any tab width.
        var indent = Math.Min(location.Column - 1, line.Length);
        for (var i = 0; i < indent; i++)
        {
            builder.Append(line[i] == '\t' ? '\t' : ' ');
        }
        var underline = Math.Min(location.Length, line.Length - indent);
        builder.Append('^').Append('~', Math.Max(0, underline - 1)).Append('\n');
        return builder.ToString();
    }
}
