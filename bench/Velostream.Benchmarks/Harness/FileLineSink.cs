using Velostream.Engine.Connectors;

namespace Velostream.Benchmarks.Harness;

/// <summary>The hand-written program's output: each record's value and a newline, through a 1 MiB buffer, to a file.</summary>
internal sealed class FileLineSink(string path) : IRecordSink
{
    private readonly FileStream _file = new(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);

    public string Name => Path.GetFileName(path);

    public long Records { get; private set; }

    public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs)
    {
        Records++;
        _file.Write(value);
        _file.WriteByte((byte)'\n');
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => new(_file.FlushAsync(cancellationToken));

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
