using System.Buffers.Text;

namespace Velostream.Benchmarks.Baselines;

/// <summary>
/// Builds one output JSON object in a reusable byte buffer, the way a hand-written job would:
/// no strings, no <c>Utf8JsonWriter</c> state, just bytes.
/// </summary>
internal ref struct OutputLine
{
    private readonly Span<byte> _buffer;
    private int _length;

    public OutputLine(Span<byte> buffer)
    {
        _buffer = buffer;
        _buffer[0] = (byte)'{';
        _length = 1;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    /// <summary>Appends <c>"name":"value"</c>; <paramref name="rawJsonString"/> is already JSON-escaped (copied from the input).</summary>
    public void String(ReadOnlySpan<byte> name, ReadOnlySpan<byte> rawJsonString)
    {
        Name(name);
        _buffer[_length++] = (byte)'"';
        rawJsonString.CopyTo(_buffer[_length..]);
        _length += rawJsonString.Length;
        _buffer[_length++] = (byte)'"';
    }

    public void Number(ReadOnlySpan<byte> name, decimal value)
    {
        Name(name);
        Utf8Formatter.TryFormat(value, _buffer[_length..], out var written);
        _length += written;
    }

    public void Number(ReadOnlySpan<byte> name, long value)
    {
        Name(name);
        Utf8Formatter.TryFormat(value, _buffer[_length..], out var written);
        _length += written;
    }

    public void Null(ReadOnlySpan<byte> name)
    {
        Name(name);
        "null"u8.CopyTo(_buffer[_length..]);
        _length += 4;
    }

    public ReadOnlySpan<byte> End()
    {
        _buffer[_length++] = (byte)'}';
        return Written;
    }

    private void Name(ReadOnlySpan<byte> name)
    {
        if (_length > 1)
        {
            _buffer[_length++] = (byte)',';
        }
        _buffer[_length++] = (byte)'"';
        name.CopyTo(_buffer[_length..]);
        _length += name.Length;
        _buffer[_length++] = (byte)'"';
        _buffer[_length++] = (byte)':';
    }
}
