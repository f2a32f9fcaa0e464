using System.Globalization;

namespace Velostream.Engine.Execution.Values;

/// <summary>Timestamps are epoch milliseconds (UTC); this converts them to and from text.</summary>
internal static class SqlTime
{
    public const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static DateTime ToDateTime(long epochMs) => DateTime.UnixEpoch.AddMilliseconds(epochMs);

    /// <summary>Epoch milliseconds of 0001-01-01 and of the last millisecond of 9999: the calendar's range.</summary>
    public const long MinMs = -62_135_596_800_000, MaxMs = 253_402_300_799_999;

    /// <summary>Whether a calendar date exists for <paramref name="epochMs"/> (years 1 to 9999).</summary>
    public static bool HasDate(long epochMs) => epochMs is >= MinMs and <= MaxMs;

    public static string FormatIso(long epochMs)
    {
        Span<byte> utf8 = stackalloc byte[IsoLength];
        return System.Text.Encoding.ASCII.GetString(utf8[..FormatIso(epochMs, utf8)]);
    }

    private const int IsoLength = 24;

    /// <summary>
    /// Writes <c>2026-01-05T09:30:00.000Z</c> into <paramref name="destination"/> (24 bytes): <see cref="IsoFormat"/>
    /// digit by digit, as every output timestamp is written (a custom format string goes through the framework's
    /// general formatter, several times slower).
    /// </summary>
    public static int FormatIso(long epochMs, Span<byte> destination)
    {
        var time = ToDateTime(epochMs);
        if (destination.Length < IsoLength)
        {
            time.TryFormat(destination, out var written, IsoFormat, CultureInfo.InvariantCulture);
            return written;
        }
        var (year, month, day) = time;
        var ms = time.Ticks % TimeSpan.TicksPerDay / TimeSpan.TicksPerMillisecond;
        Digits(destination, 0, year, 4);
        destination[4] = (byte)'-';
        Digits(destination, 5, month, 2);
        destination[7] = (byte)'-';
        Digits(destination, 8, day, 2);
        destination[10] = (byte)'T';
        Digits(destination, 11, (int)(ms / 3_600_000), 2);
        destination[13] = (byte)':';
        Digits(destination, 14, (int)(ms / 60_000 % 60), 2);
        destination[16] = (byte)':';
        Digits(destination, 17, (int)(ms / 1000 % 60), 2);
        destination[19] = (byte)'.';
        Digits(destination, 20, (int)(ms % 1000), 3);
        destination[23] = (byte)'Z';
        return IsoLength;
    }

    // value as exactly count decimal digits at destination[at..].
    private static void Digits(Span<byte> destination, int at, int value, int count)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>
    /// Parses an ISO-8601 timestamp (<c>2026-01-05T09:30:00Z</c>, with optional fraction and offset;
    /// no offset means UTC) from UTF-8 text.
    /// </summary>
    public static bool TryParseIso(ReadOnlySpan<byte> utf8, out long epochMs)
    {
        // The common shape first, by hand: event-time columns are parsed once per record.
        if (TryParseSimpleIso(utf8, out epochMs))
        {
            return true;
        }
        Span<char> chars = stackalloc char[64];
        if (utf8.Length > chars.Length)
        {
            epochMs = 0;
            return false;
        }
        for (var i = 0; i < utf8.Length; i++)
        {
            chars[i] = (char)utf8[i];
        }
        if (DateTimeOffset.TryParse(chars[..utf8.Length], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
        {
            epochMs = dto.ToUnixTimeMilliseconds();
            return true;
        }
        epochMs = 0;
        return false;
    }

    // yyyy-MM-ddTHH:mm:ss[.f{1,9}][Z|+hh:mm|-hh:mm] (a space may replace the T).
    private static bool TryParseSimpleIso(ReadOnlySpan<byte> s, out long epochMs)
    {
        epochMs = 0;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        var i = 19;
        long fractionMs = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var start = i;
            var scale = 100;
            while (i < s.Length && char.IsAsciiDigit((char)s[i]))
            {
                fractionMs += (s[i] - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start) return false;
        }
        long offsetMs = 0;
        if (i < s.Length)
        {
            if (s[i] == 'Z' && i + 1 == s.Length)
            {
                i++;
            }
            else if ((s[i] == '+' || s[i] == '-') && s.Length - i == 6 && s[i + 3] == ':'
                     && Digits(s, i + 1, 2, out var oh) && Digits(s, i + 4, 2, out var om))
            {
                offsetMs = (oh * 60 + om) * 60_000L * (s[i] == '+' ? 1 : -1);
                i += 6;
            }
            else
            {
                return false;
            }
        }
        var days = new DateTime(year, month, day).Subtract(DateTime.UnixEpoch).Days;
        epochMs = days * 86_400_000L + hour * 3_600_000L + minute * 60_000L + second * 1000L + fractionMs - offsetMs;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    public static string FormatInterval(long ms)
    {
        if (ms % 86_400_000 == 0 && ms != 0) return (ms / 86_400_000).ToString(CultureInfo.InvariantCulture) + "d";
        if (ms % 3_600_000 == 0 && ms != 0) return (ms / 3_600_000).ToString(CultureInfo.InvariantCulture) + "h";
        if (ms % 60_000 == 0 && ms != 0) return (ms / 60_000).ToString(CultureInfo.InvariantCulture) + "m";
        if (ms % 1000 == 0) return (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s";
        return ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }
}
