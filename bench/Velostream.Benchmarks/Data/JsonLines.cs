namespace Velostream.Benchmarks.Data;

/// <summary>
/// A generated data set held in memory as one UTF-8 buffer of newline-terminated JSON objects, so
/// every contender reads exactly the same bytes and no file I/O is measured.
/// </summary>
internal sealed class JsonLines
{
    private readonly byte[] _bytes;
    private readonly int[] _starts;

    public JsonLines(byte[] bytes, int[] starts)
    {
        _bytes = bytes;
        _starts = starts;
    }

    public int Count => _starts.Length;

    public long TotalBytes => _bytes.Length;

    /// <summary>The i-th record without its trailing newline.</summary>
    public ReadOnlyMemory<byte> Line(int index)
    {
        var start = _starts[index];
        var end = index + 1 < _starts.Length ? _starts[index + 1] : _bytes.Length;
        return _bytes.AsMemory(start, end - start - 1);
    }

    /// <summary>Writes the set as a JSON-lines file (for loaders that only read files).</summary>
    public void WriteTo(string path) => File.WriteAllBytes(path, _bytes);

    /// <summary>Writes the first <paramref name="count"/> records as a JSON-lines file.</summary>
    public void WriteTo(string path, int count)
    {
        using var file = File.Create(path);
        file.Write(_bytes, 0, count < _starts.Length ? _starts[count] : _bytes.Length);
    }
}
