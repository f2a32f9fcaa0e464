namespace Velostream.Engine.Sql.Functions;

/// <summary>The units DATE_TRUNC and DATEDIFF take, written singular or plural in any case ('day', 'DAYS').</summary>
internal static class DateUnits
{
    public static readonly IReadOnlyList<string> All = ["YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND"];

    /// <summary>The unit named by text, upper case, a plural S dropped ('days' → DAY).</summary>
    public static string Normalize(string text)
    {
        var unit = text.Trim().ToUpperInvariant();
        return unit.Length > 1 && unit.EndsWith('S') ? unit[..^1] : unit;
    }

    public static bool IsKnown(string text) => All.Contains(Normalize(text));
}
