using System.Buffers;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Formats.Json;

/// <summary>
/// <c>SELECT *[, expr AS name…]</c> over a JSON source: copies the input object's members as they
/// are and appends the computed columns, so a passthrough never re-encodes what it did not change.
/// </summary>
internal sealed class JsonObjectSplicer(IReadOnlyList<string> extraColumns)
{
    private readonly JsonRecordEncoder _extra = new(extraColumns);
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public ReadOnlySpan<byte> Splice(ReadOnlySpan<byte> inputObject, ReadOnlySpan<SqlValue> extra)
    {
        var inner = inputObject.Trim(" \t\r\n"u8);
        // The decoder accepted the payload, so it is one object: strip its braces.
        inner = inner[1..^1].Trim(" \t\r\n"u8);
        if (extra.Length == 0 && inner.Length == inputObject.Length - 2)
        {
            return inputObject;
        }
        _buffer.ResetWrittenCount();
        Append("{"u8);
        Append(inner);
        if (extra.Length > 0)
        {
            var encoded = _extra.Encode(extra);
            if (inner.Length > 0) Append(","u8);
            Append(encoded[1..^1]);
        }
        Append("}"u8);
        return _buffer.WrittenSpan;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }
}
