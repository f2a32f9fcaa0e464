using Velostream.Engine.Execution.Formats.Csv;

namespace Velostream.Engine.Connectors.File;

/// <summary>
/// Reads a JSON-lines or CSV file in large chunks and hands out each line as a slice of the chunk
/// buffer (no copy, no string). <see cref="SourceRecord.Offset"/> is the 1-based line number, so
/// errors can point at the line. Blank lines are skipped; a CSV line break inside quotes belongs to
/// the field. The source is bounded: it ends at the end of the file.
/// </summary>
internal sealed class FileSource : IRecordSource
{
    private readonly FileStream _stream;
    private readonly bool _csv;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private long _line;
    // Read-ahead (KeepBatches): chunk buffers given up at a refill, with the number of the last batch
    // that points into them, reused only once that batch is old enough.
    private readonly Queue<(byte[] Buffer, long LastBatch)> _retired = new();
    private int _keepBatches;
    private long _batches;

    private FileSource(string name, string path, PayloadFormat format, int chunkSize)
    {
        Name = name;
        Path = path;
        Format = format;
        _csv = format == PayloadFormat.Csv;
        _buffer = new byte[chunkSize];
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
    }

    public string Name { get; }

    public string Path { get; }

    public bool IsBounded => true;

    public PayloadFormat Format { get; }

    public IReadOnlyList<string>? ColumnNames { get; private set; }

    /// <summary>
    /// Opens the file (and reads the CSV header row). Throws <see cref="FileNotFoundException"/>
    /// or <see cref="InvalidDataException"/> (bad header), which the job reports as a runtime failure.
    /// </summary>
    public static FileSource Open(string name, string path, PayloadFormat format, int chunkSize = 1 << 20)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"source '{name}': file not found: {path}", path);
        }
        var source = new FileSource(name, path, format, chunkSize);
        if (format == PayloadFormat.Csv)
        {
            source.ReadHeader();
        }
        return source;
    }

    /// <summary>
    /// Keeps the memory of each batch valid until <paramref name="count"/> more batches have been read
    /// (instead of until the next read), so that a read-ahead stage can hold batches in flight.
    /// </summary>
    public void KeepBatches(int count) => _keepBatches = count;

    public ValueTask<bool> ReadBatchAsync(SourceBatch batch, int maxRecords, CancellationToken cancellationToken)
    {
        batch.Clear();
        _batches++;
        while (batch.Count < maxRecords && !cancellationToken.IsCancellationRequested)
        {
            if (!TryNextLine(batch.Count == 0, out var lineStart, out var lineLength))
            {
                break;
            }
            ref var record = ref batch.Add();
            record.Value = new ReadOnlyMemory<byte>(_buffer, lineStart, lineLength);
            record.Topic = Name;
            record.Partition = 0;
            record.Offset = _line;
            record.TimestampMs = -1;
        }
        return ValueTask.FromResult(batch.Count > 0 || !(_eof && _start >= _end));
    }

    /// <summary>Files have nothing to acknowledge: a rerun reads them from the start.</summary>
    public ValueTask CommitAsync(IReadOnlyDictionary<int, long>? heldFrom, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }

    private void ReadHeader()
    {
        if (!TryNextLine(true, out var start, out var length))
        {
            throw new InvalidDataException($"source '{Name}': CSV file has no header row: {Path}");
        }
        if (!CsvRecordDecoder.TrySplitHeader(_buffer.AsSpan(start, length), out var names, out var reason))
        {
            throw new InvalidDataException($"{Path}:{_line}: bad CSV header: {reason}");
        }
        ColumnNames = names;
    }

    // Finds the next non-blank line. May refill (moving unread bytes to the front of the buffer)
    // only when mayRefill: earlier records of the current batch still point into the buffer.
    private bool TryNextLine(bool mayRefill, out int start, out int length)
    {
        while (true)
        {
            var lineEnd = FindLineEnd();
            if (lineEnd >= 0 || (_eof && _start < _end))
            {
                var end = lineEnd >= 0 ? lineEnd : _end;
                start = _start;
                _start = lineEnd >= 0 ? lineEnd + 1 : _end;
                _line++;
                if (_line == 1 && end - start >= 3 && _buffer[start] == 0xEF && _buffer[start + 1] == 0xBB && _buffer[start + 2] == 0xBF)
                {
                    start += 3;
                }
                if (end > start && _buffer[end - 1] == '\r')
                {
                    end--;
                }
                length = end - start;
                if (length == 0 || _buffer.AsSpan(start, length).IndexOfAnyExcept(" \t"u8) < 0)
                {
                    continue;
                }
                return true;
            }
            start = length = 0;
            if (_eof || !mayRefill)
            {
                return false;
            }
            Refill();
        }
    }

    private int FindLineEnd()
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        if (!_csv)
        {
            var i = span.IndexOf((byte)'\n');
            return i < 0 ? -1 : _start + i;
        }
        var inQuotes = false;
        var pos = 0;
        while (true)
        {
            var i = span[pos..].IndexOfAny((byte)'\n', (byte)'"');
            if (i < 0) return -1;
            pos += i;
            if (span[pos] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                return _start + pos;
            }
            pos++;
        }
    }

    private byte[] NextBuffer()
    {
        _retired.Enqueue((_buffer, _batches));
        var (oldest, lastBatch) = _retired.Peek();
        // The batch reading now is _batches; those up to _keepBatches before it may still be in use.
        if (lastBatch < _batches - _keepBatches && oldest.Length == _buffer.Length)
        {
            _retired.Dequeue();
            return oldest;
        }
        if (lastBatch < _batches - _keepBatches)
        {
            _retired.Dequeue();
        }
        return new byte[_buffer.Length];
    }

    private void Refill()
    {
        var remaining = _end - _start;
        if (remaining == _buffer.Length)
        {
            // One line longer than the buffer: grow.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else if (_keepBatches > 0)
        {
            // Earlier batches still in flight may point into this buffer: continue in another one.
            var next = NextBuffer();
            Buffer.BlockCopy(_buffer, _start, next, 0, remaining);
            _buffer = next;
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
        }
        _start = 0;
        _end = remaining;
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }
        _end += read;
    }
}
