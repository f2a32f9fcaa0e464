using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Velostream.Engine.Execution.Formats.Json;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Formats.Keys;

/// <summary>
/// Builds an output record's key from key values (PRIMARY KEY columns, else GROUP BY columns): one
/// value is written as its plain text (<c>AAPL</c>, <c>42</c>), several as a JSON array
/// (<c>["AAPL","NYSE"]</c>). NULL alone is an empty key.
/// </summary>
internal sealed class KeyEncoder
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64);
    private readonly Utf8JsonWriter _writer;

    public KeyEncoder() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public ReadOnlySpan<byte> Encode(ReadOnlySpan<SqlValue> values, ReadOnlySpan<int> slots)
    {
        if (slots.Length == 1)
        {
            return Single(values[slots[0]]);
        }
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartArray();
        foreach (var slot in slots)
        {
            JsonRecordEncoder.WriteValue(_writer, values[slot]);
        }
        _writer.WriteEndArray();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    private ReadOnlySpan<byte> Single(in SqlValue v)
    {
        _buffer.ResetWrittenCount();
        var span = _buffer.GetSpan(64);
        int n;
        switch (v.Kind)
        {
            case ValueKind.Varchar:
                return v.AsUtf8;
            case ValueKind.Null:
            case ValueKind.Error:
                return default;
            case ValueKind.BigInt:
                Utf8Formatter.TryFormat(v.AsLong, span, out n);
                return span[..n];
            case ValueKind.Timestamp:
                return span[..SqlTime.FormatIso(v.AsLong, span)];
            default:
                var text = System.Text.Encoding.UTF8.GetBytes(v.ToString());
                return text;
        }
    }
}
