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
            .Append(": error: ").Append(DiagnosticLimits.Bound(diagnostic.Message)).Append('\n');

        var lineStart = Math.Clamp(location.Offset - (location.Column - 1), 0, text.Length);
        var lineEnd = text.IndexOf('\n', lineStart);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }
        var column = Math.Min(location.Column - 1, lineEnd - lineStart);
        // A long line (minified SQL, binary data) is shown as a window around the caret.
        var from = lineEnd - lineStart <= DiagnosticLimits.MaxLineShown ? 0 : Math.Max(0, column - DiagnosticLimits.MaxLineShown / 3);
        var to = Math.Min(lineEnd - lineStart, from + DiagnosticLimits.MaxLineShown);
        var line = text.AsSpan(lineStart + from, to - from).TrimEnd('\r');
        var prefix = from > 0 ? "…" : "";
        builder.Append(prefix);
        foreach (var c in line)
        {
            // Control characters would move the terminal's cursor or worse; tabs are kept for alignment.
            builder.Append(char.IsControl(c) && c != '\t' ? '?' : c);
        }
        builder.Append(to < lineEnd - lineStart ? "…" : "").Append('\n');

        // Keep tabs from the source line so the caret lines up in any tab width.
        builder.Append(' ', prefix.Length);
        var indent = Math.Min(column - from, line.Length);
        for (var i = 0; i < indent; i++)
        {
            builder.Append(line[i] == '\t' ? '\t' : ' ');
        }
        var underline = Math.Min(location.Length, line.Length - indent);
        builder.Append('^').Append('~', Math.Max(0, underline - 1)).Append('\n');
        return builder.ToString();
    }
}
