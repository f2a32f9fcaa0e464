using System.Text;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Functions;

/// <summary>
/// Text functions over UTF-8. Positions and lengths count characters (code points), 1-based as in
/// SQL. NULL in gives NULL out, except CONCAT, which skips NULL arguments. Functions that only cut
/// text (SUBSTRING of ASCII, TRIM, SPLIT_PART) return slices of their input without copying.
/// </summary>
internal static class StringFunctions
{
    public static SqlValue Upper(ReadOnlySpan<SqlValue> a, EvalContext _) => MapCase(a[0], "UPPER", upper: true);

    public static SqlValue Lower(ReadOnlySpan<SqlValue> a, EvalContext _) => MapCase(a[0], "LOWER", upper: false);

    public static SqlValue Substring(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull || a[1].IsNull || (a.Length > 2 && a[2].IsNull)) return SqlValue.Null;
        if (a[0].Kind != ValueKind.Varchar) return NotText("SUBSTRING", a[0]);
        if (a[1].Kind != ValueKind.BigInt || (a.Length > 2 && a[2].Kind != ValueKind.BigInt))
        {
            return SqlValue.Error("SUBSTRING needs BIGINT start and length");
        }
        var text = Encoding.UTF8.GetString(a[0].AsUtf8);
        // SQL semantics: characters from position start (1-based) for length characters; a start
        // before 1 eats into the length, as in PostgreSQL.
        var start = a[1].AsLong;
        var end = a.Length > 2 ? start + a[2].AsLong : long.MaxValue;
        if (a.Length > 2 && a[2].AsLong < 0) return SqlValue.Error("SUBSTRING length must not be negative");
        var runes = text.EnumerateRunes().ToArray();
        var from = (int)Math.Clamp(start - 1, 0, runes.Length);
        var to = (int)Math.Clamp(end - 1, 0, runes.Length);
        var builder = new StringBuilder();
        for (var i = from; i < to; i++) builder.Append(runes[i].ToString());
        return SqlValue.FromString(builder.ToString());
    }

    public static SqlValue Replace(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull || a[1].IsNull || a[2].IsNull) return SqlValue.Null;
        for (var i = 0; i < 3; i++)
        {
            if (a[i].Kind != ValueKind.Varchar) return NotText("REPLACE", a[i]);
        }
        var from = a[1].AsString();
        if (from.Length == 0) return a[0];
        return SqlValue.FromString(a[0].AsString().Replace(from, a[2].AsString(), StringComparison.Ordinal));
    }

    public static SqlValue Trim(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull) return SqlValue.Null;
        if (a[0].Kind != ValueKind.Varchar) return NotText("TRIM", a[0]);
        var text = a[0].AsUtf8;
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        return Slice(a[0], start, end - start);
    }

    public static SqlValue Length(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull) return SqlValue.Null;
        if (a[0].Kind != ValueKind.Varchar) return NotText("LENGTH", a[0]);
        var count = 0;
        foreach (var b in a[0].AsUtf8)
        {
            // Count every byte that is not a UTF-8 continuation byte: one per code point.
            if ((b & 0xC0) != 0x80) count++;
        }
        return SqlValue.FromLong(count);
    }

    /// <summary>CONCAT: the text of every non-NULL argument, joined.</summary>
    public static SqlValue Concat(ReadOnlySpan<SqlValue> a)
    {
        var total = 0;
        foreach (var v in a)
        {
            if (v.IsError) return v;
            total += v.Kind == ValueKind.Varchar ? v.AsUtf8.Length : v.IsNull ? 0 : 32;
        }
        var buffer = new byte[total];
        var length = 0;
        foreach (var v in a)
        {
            if (v.IsNull) continue;
            var text = v.Kind == ValueKind.Varchar ? v.AsUtf8 : Encoding.UTF8.GetBytes(v.ToString());
            if (length + text.Length > buffer.Length) Array.Resize(ref buffer, length + text.Length);
            text.CopyTo(buffer.AsSpan(length));
            length += text.Length;
        }
        return SqlValue.FromUtf8(buffer, 0, length);
    }

    /// <summary>SPLIT_PART(text, delimiter, n): the n-th (1-based) piece, or '' when there are fewer.</summary>
    public static SqlValue SplitPart(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull || a[1].IsNull || a[2].IsNull) return SqlValue.Null;
        if (a[0].Kind != ValueKind.Varchar) return NotText("SPLIT_PART", a[0]);
        if (a[1].Kind != ValueKind.Varchar) return NotText("SPLIT_PART", a[1]);
        if (a[2].Kind != ValueKind.BigInt || a[2].AsLong < 1) return SqlValue.Error("SPLIT_PART needs a field number of at least 1");
        var text = a[0].AsUtf8;
        var delimiter = a[1].AsUtf8;
        if (delimiter.IsEmpty) return a[2].AsLong == 1 ? a[0] : SqlValue.FromUtf8([]);
        var start = 0;
        for (long n = 1; ; n++)
        {
            var rel = text[start..].IndexOf(delimiter);
            var end = rel < 0 ? text.Length : start + rel;
            if (n == a[2].AsLong) return Slice(a[0], start, end - start);
            if (rel < 0) return SqlValue.FromUtf8([]);
            start = end + delimiter.Length;
        }
    }

    private static SqlValue MapCase(in SqlValue v, string name, bool upper)
    {
        if (v.IsNull) return SqlValue.Null;
        if (v.Kind != ValueKind.Varchar) return NotText(name, v);
        var text = v.AsUtf8;
        if (System.Text.Ascii.IsValid(text))
        {
            var buffer = new byte[text.Length];
            if (upper) System.Text.Ascii.ToUpper(text, buffer, out _);
            else System.Text.Ascii.ToLower(text, buffer, out _);
            return SqlValue.FromUtf8(buffer);
        }
        var s = Encoding.UTF8.GetString(text);
        return SqlValue.FromString(upper ? s.ToUpperInvariant() : s.ToLowerInvariant());
    }

    // A sub-range of a VARCHAR's bytes, sharing its array.
    private static SqlValue Slice(in SqlValue v, int start, int length) => v.SliceUtf8(start, length);

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    private static SqlValue NotText(string name, in SqlValue v) =>
        SqlValue.Error($"{name} needs VARCHAR, got {SqlArithmetic.Name(v.Kind)}");
}
