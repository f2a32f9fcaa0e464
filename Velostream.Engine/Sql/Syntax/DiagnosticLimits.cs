using System.Globalization;
using System.Text;

namespace Velostream.Engine.Sql.Syntax;

/// <summary>
/// Bounds on what is reported about one input, so that no input (binary data, a megabyte-long
/// identifier) makes the answer larger than a page: at most <see cref="MaxReported"/> errors are
/// shown, then "and N more errors"; a message quotes at most <see cref="MaxMessageLength"/> characters
/// and control characters are spelled out.
/// </summary>
internal static class DiagnosticLimits
{
    /// <summary>Errors shown by <c>validate</c>, <c>run</c> and the job server.</summary>
    public const int MaxReported = 100;

    /// <summary>Errors kept by a stage that can produce one per character; the rest are only counted.</summary>
    public const int MaxKept = 1000;

    public const int MaxMessageLength = 300;

    /// <summary>Characters of the source line shown above the caret.</summary>
    public const int MaxLineShown = 160;

    /// <summary>The errors to show (in source order) and how many more there are.</summary>
    public static (IReadOnlyList<SqlDiagnostic> Shown, int More) Limit(IReadOnlyList<SqlDiagnostic> diagnostics, int omitted = 0)
    {
        var shown = diagnostics.Take(MaxReported).Select(d => d with { Message = Bound(d.Message) }).ToList();
        return (shown, diagnostics.Count - shown.Count + omitted);
    }

    /// <summary>The line that closes a list of errors: "3 errors", or "100 errors shown, and 5 more".</summary>
    public static string Summary(int shown, int more) => more == 0
        ? $"{shown} error{(shown == 1 ? "" : "s")}"
        : $"{shown + more} errors; the first {shown} shown, and {more} more";

    /// <summary>A message cut to <see cref="MaxMessageLength"/> characters with control characters escaped.</summary>
    public static string Bound(string message)
    {
        var builder = new StringBuilder(Math.Min(message.Length, MaxMessageLength + 1));
        foreach (var c in message)
        {
            if (builder.Length >= MaxMessageLength)
            {
                builder.Append('…');
                break;
            }
            if (char.IsControl(c))
            {
                builder.Append(Describe(c).Trim('\''));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>A character as a message quotes it: <c>'#'</c>, or <c>U+001B</c> when it would not print.</summary>
    public static string Describe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD'
            ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
            : $"'{c}'";
}
