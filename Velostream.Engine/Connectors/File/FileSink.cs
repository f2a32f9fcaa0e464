namespace Velostream.Engine.Connectors.File;

/// <summary>
/// Writes one line per record to a file (overwritten when the job starts) or to standard output.
/// Lines are gathered in a buffer; <see cref="FlushAsync"/> writes them and, for files, forces
/// them to disk, which is when the job may consider them delivered. Written behind (a job with two
/// threads or more), a full buffer goes to the file on a pool thread while the job fills the other one.
/// </summary>
internal sealed class FileSink : IRecordSink
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly bool _isFile;
    private readonly bool _writeBehind;
    private byte[] _buffer = new byte[1 << 16];
    private int _length;
    // Written behind: the buffer being written, and the write.
    private byte[] _spare = [];
    private Task _writing = Task.CompletedTask;

    private FileSink(string name, Stream stream, bool ownsStream, bool isFile, byte[]? headerLine, bool writeBehind = false)
    {
        Name = name;
        _stream = stream;
        _ownsStream = ownsStream;
        _isFile = isFile;
        _writeBehind = writeBehind;
        if (headerLine is not null)
        {
            Append(headerLine);
        }
    }

    public string Name { get; }

    /// <summary>
    /// Creates (or truncates) <paramref name="path"/>; <paramref name="headerLine"/> is written first (CSV);
    /// <paramref name="writeBehind"/>: full buffers are written on another thread.
    /// </summary>
    public static FileSink Create(string name, string path, byte[]? headerLine = null, bool writeBehind = false)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1);
        return new FileSink(name, stream, ownsStream: true, isFile: true, headerLine, writeBehind);
    }

    /// <summary>A sink on a stream the caller owns (standard output).</summary>
    public static FileSink ToStream(string name, Stream stream, byte[]? headerLine = null) =>
        new(name, stream, ownsStream: false, isFile: false, headerLine);

    public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs) =>
        Append(value);

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_length > 0)
        {
            WriteOut();
        }
        _writing.GetAwaiter().GetResult();
        if (_stream is FileStream file && _isFile)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_length > 0)
        {
            WriteOut();
        }
        _writing.GetAwaiter().GetResult();
        if (_ownsStream)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            await _stream.FlushAsync().ConfigureAwait(false);
        }
    }

    // Several jobs may share standard output: whole buffers (whole lines) go out under a lock.
    private void WriteOut()
    {
        if (_writeBehind)
        {
            // One write at a time, in order: wait for the previous one, whose buffer this one fills next.
            _writing.GetAwaiter().GetResult();
            var full = _buffer;
            var length = _length;
            (_buffer, _spare) = (_spare.Length >= full.Length ? _spare : new byte[full.Length], full);
            _writing = Task.Run(() => Write(full, length));
        }
        else
        {
            Write(_buffer, _length);
        }
        _length = 0;
    }

    private void Write(byte[] buffer, int length)
    {
        lock (_stream)
        {
            _stream.Write(buffer, 0, length);
        }
    }

    private void Append(ReadOnlySpan<byte> line)
    {
        var needed = line.Length + 1;
        if (_length + needed > _buffer.Length)
        {
            if (_length > 0)
            {
                // Synchronous on purpose: Write is called on the hot path and a full buffer is rare.
                WriteOut();
            }
            if (needed > _buffer.Length)
            {
                _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
            }
        }
        line.CopyTo(_buffer.AsSpan(_length));
        _length += line.Length;
        _buffer[_length++] = (byte)'\n';
    }
}
