namespace Velostream.Benchmarks.Harness;

/// <summary>
/// Reads a JSON-lines file in large blocks and hands out each line (without its newline) as a span over
/// the block: what a hand-written program does to stream a file, with no allocation per line.
/// </summary>
internal sealed class FileLineReader(string path) : IDisposable
{
    private readonly FileStream _file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _done;

    public bool TryRead(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = _buffer.AsSpan(_start, newline);
                _start += newline + 1;
                return true;
            }
            if (_done)
            {
                line = _buffer.AsSpan(_start, _end - _start);
                _start = _end;
                return line.Length > 0;
            }
            Refill();
        }
    }

    private void Refill()
    {
        var pending = _end - _start;
        if (pending == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        _start = 0;
        _end = pending;
        var read = _file.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _done = read == 0;
    }

    public void Dispose() => _file.Dispose();
}
