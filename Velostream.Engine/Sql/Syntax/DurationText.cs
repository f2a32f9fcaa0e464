using System.Globalization;

namespace Velostream.Engine.Sql.Syntax;

/// <summary>
/// Durations written as text: the short forms <c>100ms</c>, <c>5s</c>, <c>1m</c>, <c>2h</c>, <c>1d</c>
/// (used both as SQL literals and as WITH property values such as
/// <c>'watermark.max_out_of_orderness' = '5s'</c>) and the INTERVAL unit names.
/// </summary>
internal static class DurationText
{
    /// <summary>Parses <c>&lt;integer&gt;&lt;unit&gt;</c>, optionally with a space (<c>5 s</c>, <c>10 seconds</c>).</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var trimmed = text.Trim();
        var digits = 0;
        while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits]))
        {
            digits++;
        }
        if (digits == 0 || !long.TryParse(trimmed.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        var unit = trimmed[digits..].Trim();
        if (UnitMilliseconds(unit) is not { } ms)
        {
            return false;
        }
        try
        {
            value = TimeSpan.FromMilliseconds(checked(amount * ms));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Milliseconds in one <paramref name="unit"/> (short or long name, any case), or null when it is no time unit.</summary>
    public static long? UnitMilliseconds(string unit) => unit.ToLowerInvariant() switch
    {
        "ms" or "millisecond" or "milliseconds" or "millis" => 1,
        "s" or "sec" or "secs" or "second" or "seconds" => 1_000,
        "m" or "min" or "mins" or "minute" or "minutes" => 60_000,
        "h" or "hour" or "hours" => 3_600_000,
        "d" or "day" or "days" => 86_400_000,
        _ => null,
    };

    /// <summary>The short form in the largest exact unit: 90 s is <c>90s</c>, 120 s is <c>2m</c>.</summary>
    public static string Format(TimeSpan value)
    {
        var (amount, unit) = InLargestUnit(value);
        return $"{amount}{unit}";
    }

    /// <summary>The duration as a whole number of its largest exact unit (<c>d</c>, <c>h</c>, <c>m</c>, <c>s</c>, else <c>ms</c>).</summary>
    public static (long Amount, string Unit) InLargestUnit(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        (long Size, string Unit)[] units = [(86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1_000, "s")];
        foreach (var (size, unit) in units)
        {
            if (ms != 0 && ms % size == 0)
            {
                return (ms / size, unit);
            }
        }
        return (ms, "ms");
    }
}
