using System.Globalization;
using System.Text;

namespace Velostream.Engine.Sql.Functions;

/// <summary>
/// strftime-style formatting as Velostream's DATE_FORMAT does it (chrono's specifiers, UTC):
/// <c>%Y %C %y %m %d %e %H %I %M %S %p %j %a %A %b %B %h %u %w %F %T %D %R %s %Z %z %%</c>, and
/// fractions <c>%3f</c> (milliseconds), <c>%.3f</c> (".mmm"), <c>%f</c> (nanoseconds, 9 digits).
/// </summary>
internal static class StrftimeFormatter
{
    public static bool TryFormat(long epochMs, string format, out string text, out string error)
    {
        var t = DateTime.UnixEpoch.AddMilliseconds(epochMs);
        var b = new StringBuilder(format.Length + 16);
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                b.Append(c);
                continue;
            }
            var spec = format.AsSpan(i + 1);
            if (spec.StartsWith("3f"))
            {
                b.Append(t.Millisecond.ToString("D3", CultureInfo.InvariantCulture));
                i += 2;
                continue;
            }
            if (spec.StartsWith(".3f"))
            {
                b.Append('.').Append(t.Millisecond.ToString("D3", CultureInfo.InvariantCulture));
                i += 3;
                continue;
            }
            if (spec.IsEmpty || !TryAppend(b, spec[0], t, epochMs))
            {
                text = "";
                error = spec.IsEmpty
                    ? "DATE_FORMAT: the format ends with a lone %"
                    : $"DATE_FORMAT: unknown specifier %{spec[0]}";
                return false;
            }
            i++;
        }
        text = b.ToString();
        error = "";
        return true;
    }

    /// <summary>The first problem in a format, or null when every specifier is known (a validate-time check).</summary>
    public static string? Check(string format) => TryFormat(0, format, out _, out var error) ? null : error;

    private static bool TryAppend(StringBuilder b, char spec, DateTime t, long epochMs)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (spec)
        {
            case 'Y': b.Append(t.Year.ToString("D4", inv)); break;
            case 'C': b.Append((t.Year / 100).ToString("D2", inv)); break;
            case 'y': b.Append((t.Year % 100).ToString("D2", inv)); break;
            case 'm': b.Append(t.Month.ToString("D2", inv)); break;
            case 'd': b.Append(t.Day.ToString("D2", inv)); break;
            case 'e': b.Append(t.Day.ToString(inv).PadLeft(2)); break;
            case 'H': b.Append(t.Hour.ToString("D2", inv)); break;
            case 'I': b.Append(((t.Hour + 11) % 12 + 1).ToString("D2", inv)); break;
            case 'M': b.Append(t.Minute.ToString("D2", inv)); break;
            case 'S': b.Append(t.Second.ToString("D2", inv)); break;
            case 'p': b.Append(t.Hour < 12 ? "AM" : "PM"); break;
            case 'j': b.Append(t.DayOfYear.ToString("D3", inv)); break;
            case 'a': b.Append(t.ToString("ddd", inv)); break;
            case 'A': b.Append(t.ToString("dddd", inv)); break;
            case 'b' or 'h': b.Append(t.ToString("MMM", inv)); break;
            case 'B': b.Append(t.ToString("MMMM", inv)); break;
            case 'u': b.Append(((int)t.DayOfWeek + 6) % 7 + 1); break;
            case 'w': b.Append((int)t.DayOfWeek); break;
            case 'F': b.Append(t.ToString("yyyy-MM-dd", inv)); break;
            case 'T': b.Append(t.ToString("HH:mm:ss", inv)); break;
            case 'D': b.Append(t.ToString("MM/dd/yy", inv)); break;
            case 'R': b.Append(t.ToString("HH:mm", inv)); break;
            case 's': b.Append(Math.DivRem(epochMs, 1000L, out var rem) - (rem < 0 ? 1 : 0)); break;
            case 'f': b.Append((t.Millisecond * 1_000_000).ToString("D9", inv)); break;
            case 'Z': b.Append("UTC"); break;
            case 'z': b.Append("+0000"); break;
            case '%': b.Append('%'); break;
            default: return false;
        }
        return true;
    }
}
