using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Sql.Functions;

namespace Velostream.Engine.Execution.Functions;

/// <summary>
/// POSITION, LPAD, RPAD, LTRIM, RTRIM, LEFT, RIGHT, REGEXP (the <c>~</c> operator) and
/// REGEXP_REPLACE. Positions and lengths count characters (code points), 1-based. NULL in gives
/// NULL out. Regular expressions compile as <see cref="RegexPatterns"/> says (no backtracking).
/// </summary>
internal static class TextFunctions
{
    /// <summary>POSITION(sub, text[, start]): 1-based position of the first occurrence at or after start, 0 when absent.</summary>
    public static SqlValue Position(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (AnyNull(a)) return SqlValue.Null;
        if (a[0].Kind != ValueKind.Varchar || a[1].Kind != ValueKind.Varchar) return SqlValue.Error("POSITION needs VARCHAR arguments");
        if (a.Length > 2 && a[2].Kind != ValueKind.BigInt) return SqlValue.Error("POSITION needs a BIGINT start position");
        var text = Runes(a[1]);
        var sub = Runes(a[0]);
        var from = a.Length > 2 ? (int)Math.Clamp(a[2].AsLong - 1, 0, text.Length) : 0;
        for (var i = from; i + sub.Length <= text.Length; i++)
        {
            if (text.AsSpan(i, sub.Length).SequenceEqual(sub)) return SqlValue.FromLong(i + 1);
        }
        return SqlValue.FromLong(0);
    }

    /// <summary>LPAD(text, length[, fill]): text padded on the left with fill (default a space) to length characters, or cut to it.</summary>
    public static SqlValue LeftPad(ReadOnlySpan<SqlValue> a, EvalContext _) => Pad(a, "LPAD", left: true);

    public static SqlValue RightPad(ReadOnlySpan<SqlValue> a, EvalContext _) => Pad(a, "RPAD", left: false);

    private static SqlValue Pad(ReadOnlySpan<SqlValue> a, string name, bool left)
    {
        if (AnyNull(a)) return SqlValue.Null;
        if (a[0].Kind != ValueKind.Varchar || (a.Length > 2 && a[2].Kind != ValueKind.Varchar)) return SqlValue.Error($"{name} needs VARCHAR text and fill");
        if (a[1].Kind != ValueKind.BigInt) return SqlValue.Error($"{name} needs a BIGINT length");
        if (a[1].AsLong > 1_000_000) return SqlValue.Error($"{name}: length {a[1].AsLong} is more than 1000000 characters");
        var length = (int)Math.Max(0, a[1].AsLong);
        var text = Runes(a[0]);
        if (text.Length >= length) return Join(text.AsSpan(0, length));
        var fill = a.Length > 2 ? Runes(a[2]) : [new Rune(' ')];
        if (fill.Length == 0) return Join(text);
        var padding = new Rune[length - text.Length];
        for (var i = 0; i < padding.Length; i++) padding[i] = fill[i % fill.Length];
        return left ? Join([.. padding, .. text]) : Join([.. text, .. padding]);
    }

    /// <summary>LTRIM(text): leading white space removed.</summary>
    public static SqlValue LeftTrim(ReadOnlySpan<SqlValue> a, EvalContext _) => TrimText(a[0], "LTRIM", s => s.TrimStart());

    /// <summary>RTRIM(text): trailing white space removed.</summary>
    public static SqlValue RightTrim(ReadOnlySpan<SqlValue> a, EvalContext _) => TrimText(a[0], "RTRIM", s => s.TrimEnd());

    private static SqlValue TrimText(in SqlValue v, string name, Func<string, string> trim)
    {
        if (v.IsNull) return SqlValue.Null;
        return v.Kind == ValueKind.Varchar ? SqlValue.FromString(trim(v.AsString())) : SqlValue.Error($"{name} needs VARCHAR, got {SqlArithmetic.Name(v.Kind)}");
    }

    /// <summary>LEFT(text, n): the first n characters (none for n ≤ 0).</summary>
    public static SqlValue Left(ReadOnlySpan<SqlValue> a, EvalContext _) => Cut(a, "LEFT", fromEnd: false);

    /// <summary>RIGHT(text, n): the last n characters (none for n ≤ 0).</summary>
    public static SqlValue Right(ReadOnlySpan<SqlValue> a, EvalContext _) => Cut(a, "RIGHT", fromEnd: true);

    private static SqlValue Cut(ReadOnlySpan<SqlValue> a, string name, bool fromEnd)
    {
        if (AnyNull(a)) return SqlValue.Null;
        if (a[0].Kind != ValueKind.Varchar || a[1].Kind != ValueKind.BigInt) return SqlValue.Error($"{name} needs VARCHAR text and a BIGINT length");
        var text = Runes(a[0]);
        var n = (int)Math.Clamp(a[1].AsLong, 0, text.Length);
        return Join(fromEnd ? text.AsSpan(text.Length - n) : text.AsSpan(0, n));
    }

    /// <summary>REGEXP(text, pattern), also written <c>text ~ pattern</c>: true when the pattern matches anywhere in text.</summary>
    public static SqlValue Regexp(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (AnyNull(a)) return SqlValue.Null;
        if (a[0].Kind != ValueKind.Varchar || a[1].Kind != ValueKind.Varchar) return SqlValue.Error("REGEXP needs VARCHAR text and pattern");
        return Compile(a[1].AsString(), "") is { } regex
            ? SqlValue.FromBool(regex.IsMatch(a[0].AsString()))
            : SqlValue.Error(InvalidPattern(a[1].AsString()));
    }

    /// <summary>
    /// REGEXP_REPLACE(text, pattern, replacement[, flags]): the first match replaced, or every match
    /// with flag g; flag i ignores case. <c>$1</c> / <c>${name}</c> in the replacement insert groups.
    /// </summary>
    public static SqlValue RegexpReplace(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull || a[1].IsNull || a[2].IsNull) return SqlValue.Null;
        for (var i = 0; i < a.Length; i++)
        {
            if (!a[i].IsNull && a[i].Kind != ValueKind.Varchar) return SqlValue.Error("REGEXP_REPLACE needs VARCHAR arguments");
        }
        var flags = a.Length > 3 && !a[3].IsNull ? a[3].AsString() : "";
        if (RegexPatterns.CheckFlags(flags) is { } bad) return SqlValue.Error(bad);
        if (Compile(a[1].AsString(), flags) is not { } regex) return SqlValue.Error(InvalidPattern(a[1].AsString()));
        var text = a[0].AsString();
        var replacement = a[2].AsString();
        return SqlValue.FromString(flags.Contains('g') ? regex.Replace(text, replacement) : regex.Replace(text, replacement, 1));
    }

    private static string InvalidPattern(string pattern) => RegexPatterns.Invalid(pattern);

    private static readonly ConcurrentDictionary<(string Pattern, bool IgnoreCase), Regex?> Cache = new();

    private static Regex? Compile(string pattern, string flags)
    {
        var key = (pattern, flags.Contains('i'));
        if (Cache.TryGetValue(key, out var cached)) return cached;
        var regex = RegexPatterns.TryCompile(pattern, key.Item2);
        // Patterns are usually literals: the cache stays small; a data-driven flood is cut off.
        if (Cache.Count < 1024) Cache[key] = regex;
        return regex;
    }

    private static bool AnyNull(ReadOnlySpan<SqlValue> a)
    {
        foreach (var v in a)
        {
            if (v.IsNull) return true;
        }
        return false;
    }

    private static Rune[] Runes(in SqlValue v) => v.AsString().EnumerateRunes().ToArray();

    private static SqlValue Join(ReadOnlySpan<Rune> runes)
    {
        var b = new StringBuilder(runes.Length);
        foreach (var r in runes) b.Append(r.ToString());
        return SqlValue.FromString(b.ToString());
    }
}
