using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Velostream.Engine.Execution.Formats;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Formats.Json;

/// <summary>
/// Decodes the top-level fields a query reads from a JSON object with <see cref="Utf8JsonReader"/>.
/// Integers become BIGINT (DECIMAL when beyond 64 bits), numbers with a fraction exact DECIMAL,
/// numbers with an exponent DOUBLE, strings VARCHAR slices of the payload (copied only when they
/// contain escapes), nested objects and arrays their raw JSON text when referenced and skipped
/// otherwise. The whole object is scanned, so malformed JSON anywhere in it is reported.
/// </summary>
/// <remarks>
/// A flat object of ASCII names, unescaped ASCII strings, numbers and literals (the common market-data
/// line) is read by a strict single pass over the bytes; anything else, and anything malformed, takes the
/// <see cref="Utf8JsonReader"/> path, so results and errors are those of the reader either way.
/// </remarks>
internal sealed class JsonRecordDecoder : IRecordDecoder
{
    // Bytes that end the fast path's scan of a string: its closing quote, or what only the reader handles.
    private static readonly SearchValues<byte> StringStop = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(i => (byte)i), (byte)'"', (byte)'\\', .. Enumerable.Range(0x80, 0x80).Select(i => (byte)i)]);

    private readonly byte[][] _names;
    private readonly string[] _fields;
    private readonly FieldLayout _layout = new();

    public JsonRecordDecoder(IReadOnlyList<string> fields)
    {
        _fields = [.. fields];
        _names = [.. fields.Select(Encoding.UTF8.GetBytes)];
    }

    public IReadOnlyList<string> Fields => _fields;

    public bool TryDecode(ReadOnlyMemory<byte> payload, Span<SqlValue> slots, out DecodeError error)
    {
        slots[.._names.Length].Clear();
        if (!MemoryMarshal.TryGetArray(payload, out var segment))
        {
            // Text slots must point into an array; copy the rare payload that is not array-backed.
            segment = new ArraySegment<byte>(payload.ToArray());
        }
        if (TryDecodeFlat(segment, slots))
        {
            error = default;
            return true;
        }
        return DecodeWithReader(segment, slots, out error);
    }

    /// <summary>The general path: <see cref="Utf8JsonReader"/> over the whole payload (internal: tests compare both paths).</summary>
    internal bool DecodeWithReader(ArraySegment<byte> segment, Span<SqlValue> slots, out DecodeError error)
    {
        slots[.._names.Length].Clear();
        try
        {
            return Decode(segment, slots, out error);
        }
        catch (JsonException e)
        {
            error = new DecodeError("invalid JSON: " + FirstSentence(e.Message), e.BytePositionInLine ?? -1);
            return false;
        }
    }

    private bool Decode(ArraySegment<byte> segment, Span<SqlValue> slots, out DecodeError error)
    {
        var reader = new Utf8JsonReader(segment.AsSpan(), new JsonReaderOptions { AllowTrailingCommas = false });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = new DecodeError("expected a JSON object", reader.TokenStartIndex);
            return false;
        }
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                // Anything after the object (a second value, garbage) is malformed.
                if (reader.Read())
                {
                    error = new DecodeError("unexpected data after the JSON object", reader.TokenStartIndex);
                    return false;
                }
                error = default;
                return true;
            }
            var slot = FindSlot(ref reader);
            reader.Read();
            if (slot < 0)
            {
                reader.Skip();
                continue;
            }
            if (!ReadValue(ref reader, segment, out slots[slot], out error))
            {
                return false;
            }
        }
        error = new DecodeError("unterminated JSON object", reader.BytesConsumed);
        return false;
    }

    /// <summary>
    /// The fast path: a flat object whose names and strings are unescaped ASCII, read in one strict pass.
    /// False (slots unspecified) for anything it does not handle or that is not valid JSON.
    /// </summary>
    /// <remarks>
    /// Lines of one source nearly always name the same fields in the same order, so the name seen at
    /// each position last time is tried first: when the bytes after the quote are that name and its
    /// closing quote, the name needs neither a scan nor a lookup.
    /// </remarks>
    internal bool TryDecodeFlat(ArraySegment<byte> segment, Span<SqlValue> slots)
    {
        var s = segment.AsSpan();
        var i = SkipWhitespace(s, 0);
        if (i >= s.Length || s[i] != '{') return false;
        i = SkipWhitespace(s, i + 1);
        if (i < s.Length && s[i] == '}') return SkipWhitespace(s, i + 1) == s.Length;
        for (var position = 0; ; position++)
        {
            if (i >= s.Length || s[i] != '"') return false;
            var name = s[(i + 1)..];
            int slot;
            if (_layout.Match(position, name) is { } known)
            {
                // The name, its closing quote and (when the line had no space before it) the colon: i moves to the colon.
                slot = known.Slot;
                if (known.WithColon)
                {
                    i += known.Length;
                }
                else
                {
                    i = SkipWhitespace(s, i + 1 + known.Length);
                    if (i >= s.Length || s[i] != ':') return false;
                }
            }
            else
            {
                var nameLength = ScanString(name);
                if (nameLength < 0) return false;
                slot = FindSlot(name[..nameLength]);
                i += nameLength + 2;
                _layout.Remember(position, name[..nameLength], slot, withColon: i < s.Length && s[i] == ':');
                i = SkipWhitespace(s, i);
                if (i >= s.Length || s[i] != ':') return false;
            }
            i = SkipWhitespace(s, i + 1);
            if (i >= s.Length) return false;
            var c = s[i];
            if (c == '"')
            {
                var length = ScanString(s[(i + 1)..]);
                if (length < 0) return false;
                if (slot >= 0) slots[slot] = SqlValue.FromUtf8(segment.Array!, segment.Offset + i + 1, length);
                i += length + 2;
            }
            else if (c == '-' || (uint)(c - '0') <= 9)
            {
                if (!TryNumber(s, ref i, slot, slots)) return false;
            }
            else if (!TryLiteral(s, ref i, slot, slots))
            {
                return false;
            }
            i = SkipWhitespace(s, i);
            if (i >= s.Length) return false;
            if (s[i] == '}') return SkipWhitespace(s, i + 1) == s.Length;
            if (s[i] != ',') return false;
            i = SkipWhitespace(s, i + 1);
        }
    }

    /// <summary>
    /// The length of an unescaped ASCII string up to its closing quote (<paramref name="s"/> starts after
    /// the opening one), or -1 when it holds what only the reader handles or is not closed. Short strings
    /// (names, symbols) are scanned byte by byte, which is cheaper than a vector search's set-up.
    /// </summary>
    private static int ScanString(ReadOnlySpan<byte> s)
    {
        var n = Math.Min(s.Length, 32);
        for (var j = 0; j < n; j++)
        {
            var b = s[j];
            // Printable ASCII and DEL go on; a quote ends the string; controls, backslashes and non-ASCII stop the fast path.
            if ((uint)(b - 0x20) < 0x60 && b != '"' && b != '\\') continue;
            return b == '"' ? j : -1;
        }
        if (n == s.Length) return -1;
        var k = s[n..].IndexOfAny(StringStop);
        return k >= 0 && s[n + k] == '"' ? n + k : -1;
    }

    /// <summary>
    /// Scans a JSON number at <paramref name="i"/> (strictly: no leading zeros, digits after a point and
    /// in an exponent) and, for a slot the query reads, decodes it: up to 18 digits without an exponent
    /// straight from its digit runs (a BIGINT, or a DECIMAL with the fraction's scale), anything else
    /// through <see cref="ReadNumber"/>. Decides exactly as the reader path does. Digit runs are found
    /// eight bytes at a time; only the numbers the query reads are multiplied out.
    /// </summary>
    private static bool TryNumber(ReadOnlySpan<byte> s, ref int i, int slot, Span<SqlValue> slots)
    {
        var start = i;
        var negative = s[i] == '-';
        if (negative) i++;
        if (i >= s.Length) return false;
        var integerStart = i;
        if (s[i] == '0') i++;
        else if ((uint)(s[i] - '1') <= 8) i = SkipDigits(s, i + 1);
        else return false;
        var integerEnd = i;
        var fractionStart = i;
        if (i < s.Length && s[i] == '.')
        {
            fractionStart = ++i;
            i = SkipDigits(s, i);
            if (i == fractionStart) return false;
        }
        var fractionEnd = i;
        var exponent = false;
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            exponent = true;
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
            var exponentStart = i;
            i = SkipDigits(s, i);
            if (i == exponentStart) return false;
        }
        if (slot < 0) return true;
        var digits = integerEnd - integerStart + fractionEnd - fractionStart;
        if (exponent || digits > 18) return ReadNumber(s[start..i], start, out slots[slot], out _);
        var mantissa = Digits(s[integerStart..integerEnd], 0);
        if (fractionEnd == fractionStart)
        {
            slots[slot] = SqlValue.FromLong(negative ? -mantissa : mantissa);
            return true;
        }
        mantissa = Digits(s[fractionStart..fractionEnd], mantissa);
        slots[slot] = SqlValue.FromDecimal(ShortDecimal(mantissa, negative, fractionEnd - fractionStart));
        return true;
    }

    // A DECIMAL of at most 18 digits: mantissa and scale straight into its bits.
    private static decimal ShortDecimal(long mantissa, bool negative, int scale) =>
        new((int)(uint)mantissa, (int)(mantissa >> 32), 0, negative, (byte)scale);

    // The value of at most 18 ASCII digits appended to mantissa.
    private static long Digits(ReadOnlySpan<byte> digits, long mantissa)
    {
        foreach (var c in digits)
        {
            mantissa = mantissa * 10 + (c - '0');
        }
        return mantissa;
    }

    private static bool TryLiteral(ReadOnlySpan<byte> s, ref int i, int slot, Span<SqlValue> slots)
    {
        SqlValue value;
        int length;
        if (s[i..].StartsWith("true"u8)) (value, length) = (SqlValue.True, 4);
        else if (s[i..].StartsWith("false"u8)) (value, length) = (SqlValue.False, 5);
        else if (s[i..].StartsWith("null"u8)) (value, length) = (SqlValue.Null, 4);
        else return false;
        if (slot >= 0) slots[slot] = value;
        i += length;
        return true;
    }

    /// <summary>The index of the first byte at or after <paramref name="i"/> that is not an ASCII digit (or the end).</summary>
    /// <remarks>
    /// Eight bytes at a time: a byte is a digit when its high nibble, and that of the byte plus 6, are both 3.
    /// A carry out of a byte over 0xF9 can only spoil the bytes after it, which lie past the first non-digit.
    /// </remarks>
    private static int SkipDigits(ReadOnlySpan<byte> s, int i)
    {
        const ulong High = 0xF0F0F0F0F0F0F0F0, Six = 0x0606060606060606, Threes = 0x3333333333333333;
        const ulong Low7 = 0x7F7F7F7F7F7F7F7F, Tops = 0x8080808080808080;
        for (; i + 8 <= s.Length; i += 8)
        {
            var word = BinaryPrimitives.ReadUInt64LittleEndian(s[i..]);
            var nibbles = (word & High) | (((word + Six) & High) >> 4);
            var differs = nibbles ^ Threes;
            // The top bit of each byte that is not zero, i.e. of each byte that is not a digit.
            var notDigits = (((differs & Low7) + Low7) | differs) & Tops;
            if (notDigits != 0) return i + (BitOperations.TrailingZeroCount(notDigits) >> 3);
        }
        while (i < s.Length && (uint)(s[i] - '0') <= 9) i++;
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> s, int i) =>
        (uint)i < (uint)s.Length && s[i] > (byte)' ' ? i : SkipSomeWhitespace(s, i);

    private static int SkipSomeWhitespace(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') i++;
        return i;
    }

    private int FindSlot(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? FindEscapedSlot(ref reader) : FindSlot(reader.ValueSpan);

    private int FindSlot(ReadOnlySpan<byte> name)
    {
        var names = _names;
        for (var i = 0; i < names.Length; i++)
        {
            if (name.SequenceEqual(names[i]))
            {
                return i;
            }
        }
        // SQL names ignore case: SYMBOL reads "symbol" when no field matches exactly.
        for (var i = 0; i < names.Length; i++)
        {
            if (name.Length == names[i].Length && System.Text.Ascii.EqualsIgnoreCase(name, names[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private int FindEscapedSlot(ref Utf8JsonReader reader)
    {
        var names = _names;
        var unescaped = Encoding.UTF8.GetBytes(reader.GetString()!);
        for (var i = 0; i < names.Length; i++)
        {
            if (unescaped.AsSpan().SequenceEqual(names[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool ReadValue(ref Utf8JsonReader reader, ArraySegment<byte> segment, out SqlValue value, out DecodeError error)
    {
        error = default;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (reader.ValueIsEscaped)
                {
                    var buffer = new byte[reader.ValueSpan.Length];
                    var n = reader.CopyString(buffer);
                    value = SqlValue.FromUtf8(buffer, 0, n);
                }
                else
                {
                    // TokenStartIndex is the opening quote.
                    value = SqlValue.FromUtf8(segment.Array!, segment.Offset + (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                }
                return true;
            case JsonTokenType.Number:
                return ReadNumber(reader.ValueSpan, reader.TokenStartIndex, out value, out error);
            case JsonTokenType.True:
                value = SqlValue.True;
                return true;
            case JsonTokenType.False:
                value = SqlValue.False;
                return true;
            case JsonTokenType.Null:
                value = SqlValue.Null;
                return true;
            default:
                // A nested object or array that the query references: keep its JSON text.
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                value = SqlValue.FromJsonText(segment.Array!, segment.Offset + start, end - start);
                return true;
        }
    }

    /// <summary>
    /// A JSON number, exactly or not at all: an integer is a BIGINT, or a DECIMAL beyond 64 bits; a
    /// number with a fraction is a DECIMAL (rounded to 28 significant digits, as DECIMAL division is);
    /// one with an exponent is a DOUBLE. A number beyond DECIMAL's range (or DOUBLE's) is a decode
    /// error, never an approximation or NULL.
    /// </summary>
    public static bool ReadNumber(ReadOnlySpan<byte> text, long offset, out SqlValue value, out DecodeError error)
    {
        error = default;
        if (text.IndexOfAny((byte)'e', (byte)'E') >= 0)
        {
            if (Utf8Parser.TryParse(text, out double d, out var used, 'E') && used == text.Length && double.IsFinite(d))
            {
                value = SqlValue.FromDouble(d);
                return true;
            }
            value = default;
            error = new DecodeError("number out of range for DOUBLE: " + Shown(text), offset);
            return false;
        }
        if (text.IndexOf((byte)'.') < 0)
        {
            if (Utf8Parser.TryParse(text, out long l, out var used) && used == text.Length)
            {
                value = SqlValue.FromLong(l);
                return true;
            }
        }
        else if (TryParseShortDecimal(text, out var fast))
        {
            value = SqlValue.FromDecimal(fast);
            return true;
        }
        // Integers beyond 64 bits, fractions beyond 18 digits.
        if (Utf8Parser.TryParse(text, out decimal m, out var usedDecimal) && usedDecimal == text.Length)
        {
            value = SqlValue.FromDecimal(m);
            return true;
        }
        value = default;
        error = new DecodeError("number out of range for DECIMAL (at most ±79228162514264337593543950335): " + Shown(text), offset);
        return false;
    }

    /// <summary>A number as an error quotes it: whole up to 40 characters.</summary>
    private static string Shown(ReadOnlySpan<byte> text) =>
        text.Length <= 40 ? Encoding.UTF8.GetString(text) : Encoding.UTF8.GetString(text[..40]) + "…";

    // Up to 18 significant digits with a fraction (prices): mantissa and scale straight into a
    // decimal, several times faster than the general parser. The reader has validated the grammar.
    private static bool TryParseShortDecimal(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0m;
        var negative = text[0] == '-';
        var i = negative ? 1 : 0;
        if (text.Length - i > 19) return false;
        long mantissa = 0;
        var scale = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                scale = 0;
                continue;
            }
            mantissa = mantissa * 10 + (c - '0');
            if (scale >= 0) scale++;
        }
        if (scale < 0) return false;
        value = ShortDecimal(mantissa, negative, scale);
        return true;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }

    /// <summary>
    /// The field name last seen at each position of an object, with its slot. Shared by the threads that
    /// decode one source (the read-ahead stage and the executor): each entry is immutable and replaced
    /// whole. A source whose lines keep changing their layout stops being remembered after a while, so
    /// it allocates nothing per line.
    /// </summary>
    private sealed class FieldLayout
    {
        private const int Positions = 32;
        private readonly KnownName?[] _known = new KnownName?[Positions];
        private int _replacements = 4096;

        /// <summary>The name remembered at <paramref name="position"/> when <paramref name="rest"/> (after the opening quote) starts with it and its closing quote.</summary>
        public KnownName? Match(int position, ReadOnlySpan<byte> rest) =>
            (uint)position < Positions && _known[position] is { } known && known.StartsAt(rest) ? known : null;

        public void Remember(int position, ReadOnlySpan<byte> name, int slot, bool withColon)
        {
            if ((uint)position >= Positions || _replacements <= 0) return;
            _replacements--;
            _known[position] = new KnownName(name, slot, withColon);
        }
    }

    /// <summary>
    /// A field name and its slot, matched with its closing quote and, when the line it was seen in had
    /// the colon right after the quote, that colon too; a pattern of up to 16 bytes is compared as two
    /// masked words.
    /// </summary>
    private sealed class KnownName
    {
        private readonly byte[] _pattern;
        private readonly ulong _low, _high, _lowMask, _highMask;
        private readonly bool _short;

        public KnownName(ReadOnlySpan<byte> name, int slot, bool withColon)
        {
            Slot = slot;
            WithColon = withColon;
            _pattern = [.. name, (byte)'"', .. withColon ? ":"u8 : []];
            var n = _pattern.Length;
            _short = n <= 16;
            if (!_short) return;
            Span<byte> padded = stackalloc byte[16];
            padded.Clear();
            _pattern.CopyTo(padded);
            _low = BinaryPrimitives.ReadUInt64LittleEndian(padded);
            _high = BinaryPrimitives.ReadUInt64LittleEndian(padded[8..]);
            _lowMask = n >= 8 ? ulong.MaxValue : (1UL << (8 * n)) - 1;
            _highMask = n <= 8 ? 0 : n >= 16 ? ulong.MaxValue : (1UL << (8 * (n - 8))) - 1;
        }

        public int Slot { get; }

        /// <summary>Whether the pattern ends with the colon.</summary>
        public bool WithColon { get; }

        /// <summary>The bytes matched: the name, its closing quote and perhaps the colon.</summary>
        public int Length => _pattern.Length;

        /// <summary>Whether <paramref name="rest"/> (after the opening quote) starts with the pattern.</summary>
        public bool StartsAt(ReadOnlySpan<byte> rest)
        {
            if (_short && rest.Length >= 16)
            {
                return ((BinaryPrimitives.ReadUInt64LittleEndian(rest) ^ _low) & _lowMask) == 0
                    && ((BinaryPrimitives.ReadUInt64LittleEndian(rest[8..]) ^ _high) & _highMask) == 0;
            }
            return rest.StartsWith(_pattern);
        }
    }
}
