using System.Globalization;
using System.Text;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Values;

/// <summary>
/// One SQL value without boxing. Text is a slice of a UTF-8 byte array (often the payload
/// buffer itself), so decoding and comparing strings allocates nothing; a value that outlives
/// its payload (window state, join tables) is <see cref="Detach"/>ed first.
/// </summary>
internal readonly struct SqlValue
{
    // DECIMAL; for VARCHAR, JsonTextMarker when the text is a JSON object or array.
    private readonly decimal _decimal;
    // BIGINT, DOUBLE bits, BOOLEAN (0/1), TIMESTAMP ms, INTERVAL ms, or VARCHAR offset/length.
    private readonly long _bits;
    // byte[] for VARCHAR, string for Error.
    private readonly object? _ref;
    public readonly ValueKind Kind;

    private SqlValue(ValueKind type, long bits, decimal dec = 0m, object? reference = null)
    {
        Kind = type;
        _bits = bits;
        _decimal = dec;
        _ref = reference;
    }

    public static SqlValue Null => default;
    public static readonly SqlValue True = new(ValueKind.Boolean, 1);
    public static readonly SqlValue False = new(ValueKind.Boolean, 0);

    public static SqlValue FromLong(long value) => new(ValueKind.BigInt, value);
    public static SqlValue FromDouble(double value) => new(ValueKind.Double, BitConverter.DoubleToInt64Bits(value));
    public static SqlValue FromDecimal(decimal value) => new(ValueKind.Decimal, 0, value);
    public static SqlValue FromBool(bool value) => value ? True : False;
    public static SqlValue FromTimestamp(long epochMs) => new(ValueKind.Timestamp, epochMs);
    public static SqlValue FromInterval(long ms) => new(ValueKind.Interval, ms);

    public static SqlValue FromUtf8(byte[] array, int offset, int length) =>
        new(ValueKind.Varchar, ((long)offset << 32) | (uint)length, 0m, array);

    public static SqlValue FromUtf8(byte[] array) => FromUtf8(array, 0, array.Length);

    /// <summary>
    /// A VARCHAR holding a JSON object or array as it appeared in the input: text to SQL (its functions and
    /// comparisons see the characters), written back as JSON, not as a string, by the JSON encoder.
    /// </summary>
    public static SqlValue FromJsonText(byte[] array, int offset, int length) =>
        new(ValueKind.Varchar, ((long)offset << 32) | (uint)length, JsonTextMarker, array);

    private const decimal JsonTextMarker = 1m;

    public static SqlValue FromString(string value) => FromUtf8(Encoding.UTF8.GetBytes(value));

    public static SqlValue Error(string message) => new(ValueKind.Error, 0, 0m, message);

    public bool IsNull => Kind == ValueKind.Null;
    public bool IsError => Kind == ValueKind.Error;
    public bool IsNumeric => Kind is ValueKind.BigInt or ValueKind.Double or ValueKind.Decimal;

    public long AsLong => _bits;
    public double AsDouble => BitConverter.Int64BitsToDouble(_bits);
    public decimal AsDecimal => _decimal;
    public bool AsBool => _bits != 0;

    /// <summary>A VARCHAR that is a JSON object or array taken from the input (see <see cref="FromJsonText"/>).</summary>
    public bool IsJsonText => Kind == ValueKind.Varchar && _decimal == JsonTextMarker;

    /// <summary>The text of a VARCHAR as UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> AsUtf8 =>
        new((byte[])_ref!, (int)(_bits >> 32), (int)(uint)_bits);

    /// <summary>A VARCHAR over a sub-range of this one's bytes, sharing the array (no copy).</summary>
    public SqlValue SliceUtf8(int start, int length)
    {
        var offset = (int)(_bits >> 32);
        return FromUtf8((byte[])_ref!, offset + start, length);
    }

    public string ErrorMessage => Kind == ValueKind.Error ? (string)_ref! : string.Empty;

    /// <summary>The value as DOUBLE (numeric types only).</summary>
    public double ToDouble() => Kind switch
    {
        ValueKind.BigInt => _bits,
        ValueKind.Double => AsDouble,
        ValueKind.Decimal => (double)_decimal,
        _ => double.NaN,
    };

    /// <summary>The value as DECIMAL (BIGINT and DECIMAL only).</summary>
    public decimal ToDecimal() => Kind == ValueKind.BigInt ? _bits : _decimal;

    /// <summary>
    /// A copy that owns its text, for values kept beyond the current record (the payload buffer a
    /// VARCHAR points into is reused by the next batch).
    /// </summary>
    public SqlValue Detach()
    {
        if (Kind != ValueKind.Varchar)
        {
            return this;
        }
        var copy = AsUtf8.ToArray();
        return IsJsonText ? FromJsonText(copy, 0, copy.Length) : FromUtf8(copy);
    }

    public string AsString() => Kind switch
    {
        ValueKind.Varchar => Encoding.UTF8.GetString(AsUtf8),
        _ => ToString(),
    };

    /// <summary>SQL-literal-like text, for messages, CSV output and tests.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.Null => "NULL",
        ValueKind.Boolean => AsBool ? "true" : "false",
        ValueKind.BigInt => _bits.ToString(CultureInfo.InvariantCulture),
        ValueKind.Double => AsDouble.ToString("R", CultureInfo.InvariantCulture),
        ValueKind.Decimal => _decimal.ToString(CultureInfo.InvariantCulture),
        ValueKind.Varchar => Encoding.UTF8.GetString(AsUtf8),
        ValueKind.Timestamp => SqlTime.FormatIso(_bits),
        ValueKind.Interval => SqlTime.FormatInterval(_bits),
        ValueKind.Error => "ERROR(" + ErrorMessage + ")",
        _ => "?",
    };
}
