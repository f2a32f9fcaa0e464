using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Output;

/// <summary>
/// Writes one JSON object per row with keys in SELECT order: NULL as <c>null</c>, DECIMAL as a JSON
/// number keeping its scale (<c>1.50</c>), TIMESTAMP as ISO-8601 UTC with milliseconds, INTERVAL as
/// milliseconds, non-finite doubles as <c>null</c> (JSON has no NaN). Nothing is allocated per row.
/// </summary>
internal sealed class JsonRecordEncoder : IRecordEncoder
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Keep text readable (no \u escapes for '+', '<', non-ASCII); the output is data, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly JsonEncodedText[] _names;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;

    public JsonRecordEncoder(IReadOnlyList<string> columns)
    {
        _names = [.. columns.Select(c => JsonEncodedText.Encode(c, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))];
        _writer = new Utf8JsonWriter(_buffer, Options);
    }

    public ReadOnlySpan<byte> Encode(ReadOnlySpan<SqlValue> row)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        for (var i = 0; i < _names.Length; i++)
        {
            _writer.WritePropertyName(_names[i]);
            WriteValue(_writer, row[i]);
        }
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    public static void WriteValue(Utf8JsonWriter writer, in SqlValue value)
    {
        switch (value.Kind)
        {
            case ValueKind.BigInt:
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
            case ValueKind.Interval:
                writer.WriteNumberValue(value.AsLong);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
