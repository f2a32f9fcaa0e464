using System.Buffers.Text;
using System.Text;

namespace Velostream.Benchmarks.Data;

/// <summary>
/// Appends JSON-lines text straight into one growing UTF-8 buffer, remembering where each line
/// starts. Generating a million records through strings would dominate the set-up time.
/// </summary>
internal sealed class Utf8LineWriter
{
    private byte[] _buffer;
    private int _length;
    private readonly List<int> _lineStarts = [];
    private int _lineStart;

    public Utf8LineWriter(int capacity) => _buffer = new byte[Math.Max(capacity, 256)];

    public Utf8LineWriter Raw(string ascii)
    {
        Ensure(ascii.Length);
        _length += Encoding.UTF8.GetBytes(ascii, _buffer.AsSpan(_length));
        return this;
    }

    /// <summary>Writes <c>"name":</c>, preceded by the opening brace or a comma.</summary>
    public Utf8LineWriter Name(string name)
    {
        Raw(_length == _lineStart ? "{\"" : ",\"");
        Raw(name);
        return Raw("\":");
    }

    public Utf8LineWriter String(string name, string value) => Name(name).Raw("\"").Raw(value).Raw("\"");

    public Utf8LineWriter Integer(string name, long value)
    {
        Name(name);
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
        return this;
    }

    /// <summary>Writes <paramref name="cents"/> / 100 as a JSON number with exactly two decimals.</summary>
    public Utf8LineWriter Cents(string name, long cents) => Fixed(name, cents, 2);

    /// <summary>Writes <paramref name="units"/> / 10^<paramref name="decimals"/> as a JSON number with exactly that many decimals.</summary>
    public Utf8LineWriter Fixed(string name, long units, int decimals)
    {
        Name(name);
        if (units < 0)
        {
            Raw("-");
            units = -units;
        }
        Ensure(24);
        var scale = (long)Math.Pow(10, decimals);
        Utf8Formatter.TryFormat(units / scale, _buffer.AsSpan(_length), out var written);
        _length += written;
        _buffer[_length++] = (byte)'.';
        for (var digit = scale / 10; digit > 0; digit /= 10)
        {
            _buffer[_length++] = (byte)('0' + units / digit % 10);
        }
        return this;
    }

    public void EndLine()
    {
        Raw("}\n");
        _lineStarts.Add(_lineStart);
        _lineStart = _length;
    }

    public JsonLines ToJsonLines()
    {
        var starts = _lineStarts.ToArray();
        var bytes = _buffer.AsSpan(0, _length).ToArray();
        return new JsonLines(bytes, starts);
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
