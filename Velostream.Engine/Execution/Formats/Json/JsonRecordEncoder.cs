using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Formats.Json;

/// <summary>
/// Writes one JSON object per row with keys in SELECT order: NULL as <c>null</c>, DECIMAL as a JSON
/// number keeping its scale (<c>1.50</c>), TIMESTAMP as ISO-8601 UTC with milliseconds, INTERVAL as
/// milliseconds, non-finite doubles as <c>null</c> (JSON has no NaN), nested objects and arrays taken from a
/// JSON input as JSON (not as strings). The key prefixes
/// (<c>{"symbol":</c>, <c>,"price":</c>) are encoded once; values are formatted straight into a
/// reused buffer, and text is copied as is unless it needs escaping. Nothing is allocated per row.
/// </summary>
internal sealed class JsonRecordEncoder : IRecordEncoder
{
    private static readonly JavaScriptEncoder Escaper = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(i => (byte)i), (byte)'"', (byte)'\\', 0x7F]);

    private readonly byte[][] _prefixes;
    private byte[] _buffer = new byte[256];
    private int _length;

    public JsonRecordEncoder(IReadOnlyList<string> columns)
    {
        _prefixes = new byte[columns.Count][];
        for (var i = 0; i < columns.Count; i++)
        {
            var name = JsonEncodedText.Encode(columns[i], Escaper).EncodedUtf8Bytes;
            _prefixes[i] = [(byte)(i == 0 ? '{' : ','), (byte)'"', .. name, (byte)'"', (byte)':'];
        }
    }

    public ReadOnlySpan<byte> Encode(ReadOnlySpan<SqlValue> row)
    {
        _length = 0;
        if (_prefixes.Length == 0)
        {
            Append("{"u8);
        }
        for (var i = 0; i < _prefixes.Length; i++)
        {
            Append(_prefixes[i]);
            WriteValue(row[i]);
        }
        Append("}"u8);
        return _buffer.AsSpan(0, _length);
    }

    private void WriteValue(in SqlValue value)
    {
        Ensure(64);
        var span = _buffer.AsSpan(_length);
        int n;
        switch (value.Kind)
        {
            case ValueKind.BigInt:
            case ValueKind.Interval:
                Utf8Formatter.TryFormat(value.AsLong, span, out n);
                _length += n;
                break;
            case ValueKind.Decimal:
                _length += DecimalFormatter.Format(value.AsDecimal, span);
                break;
            case ValueKind.Double:
                var d = value.AsDouble;
                if (!double.IsFinite(d))
                {
                    Append("null"u8);
                    break;
                }
                d.TryFormat(span, out n, "R", CultureInfo.InvariantCulture);
                _length += n;
                break;
            case ValueKind.Varchar when value.IsJsonText:
                WriteJson(value.AsUtf8);
                break;
            case ValueKind.Varchar:
                WriteString(value.AsUtf8);
                break;
            case ValueKind.Boolean:
                Append(value.AsBool ? "true"u8 : "false"u8);
                break;
            case ValueKind.Timestamp:
                span[0] = (byte)'"';
                n = SqlTime.FormatIso(value.AsLong, span[1..]);
                span[n + 1] = (byte)'"';
                _length += n + 2;
                break;
            default:
                Append("null"u8);
                break;
        }
    }

    private void WriteString(ReadOnlySpan<byte> text)
    {
        Ensure(text.Length + 2);
        _buffer[_length++] = (byte)'"';
        if (text.IndexOfAny(NeedsEscape) < 0)
        {
            text.CopyTo(_buffer.AsSpan(_length));
            _length += text.Length;
        }
        else
        {
            // Rare: quotes, backslashes or control characters inside the text.
            var escaped = Encoding.UTF8.GetBytes(Escaper.Encode(Encoding.UTF8.GetString(text)));
            Append(escaped);
        }
        Append("\""u8);
    }

    /// <summary>
    /// A nested object or array from the input, as JSON. Copied as is unless it spans lines (a pretty-printed
    /// payload), which would break a JSON Lines output: then written compactly.
    /// </summary>
    private void WriteJson(ReadOnlySpan<byte> json)
    {
        if (json.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            Append(json);
            return;
        }
        var compact = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(compact, new JsonWriterOptions { Encoder = Escaper, SkipValidation = true }))
        {
            using var document = JsonDocument.Parse(json.ToArray());
            document.RootElement.WriteTo(writer);
        }
        Append(compact.WrittenSpan);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }

    /// <summary>Writes one value with a <see cref="Utf8JsonWriter"/> (keys of several columns, see KeyEncoder).</summary>
    public static void WriteValue(Utf8JsonWriter writer, in SqlValue value)
    {
        switch (value.Kind)
        {
            case ValueKind.BigInt:
            case ValueKind.Interval:
                writer.WriteNumberValue(value.AsLong);
                break;
            case ValueKind.Decimal:
                writer.WriteNumberValue(value.AsDecimal);
                break;
            case ValueKind.Double:
                var d = value.AsDouble;
                if (double.IsFinite(d)) writer.WriteNumberValue(d);
                else writer.WriteNullValue();
                break;
            case ValueKind.Varchar when value.IsJsonText:
                writer.WriteRawValue(value.AsUtf8, skipInputValidation: true);
                break;
            case ValueKind.Varchar:
                writer.WriteStringValue(value.AsUtf8);
                break;
            case ValueKind.Boolean:
                writer.WriteBooleanValue(value.AsBool);
                break;
            case ValueKind.Timestamp:
                Span<byte> iso = stackalloc byte[32];
                writer.WriteStringValue(iso[..SqlTime.FormatIso(value.AsLong, iso)]);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
