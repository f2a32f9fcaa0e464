using System.Text.RegularExpressions;

namespace Velostream.Engine.Sql.Functions;

/// <summary>
/// How the dialect compiles regular expressions (REGEXP, <c>~</c>, REGEXP_REPLACE): without
/// backtracking, so matching is linear in the input whatever the pattern (like the RE2-style engine
/// Velostream uses: no back-references or look-around). Validation and execution compile alike.
/// </summary>
internal static class RegexPatterns
{
    public static Regex? TryCompile(string pattern, bool ignoreCase)
    {
        try
        {
            var options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
            return new Regex(pattern, options);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The message for a pattern that does not compile.</summary>
    public static string Invalid(string pattern) => $"invalid regular expression '{pattern}' (back-references and look-around are not supported)";

    /// <summary>The problem with REGEXP_REPLACE flags, or null when they are only g and i.</summary>
    public static string? CheckFlags(string flags) =>
        flags.All(f => f is 'g' or 'i') ? null : $"REGEXP_REPLACE: unknown flag in '{flags}' (expected g and/or i)";
}
