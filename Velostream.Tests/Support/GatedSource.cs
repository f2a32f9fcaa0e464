using System.Text;
using System.Threading.Channels;
using Velostream.Engine.Connectors;

namespace Velostream.Tests.Support;

/// <summary>
/// A bounded JSON-lines source that hands the job one batch at a time when the test sends it, so a test
/// can look at a running job between batches: once <see cref="NextReadAsync"/> returns, the job has
/// processed everything sent before and is waiting for more.
/// </summary>
internal sealed class GatedSource(string name) : IRecordSource
{
    private readonly Channel<string[]?> _batches = Channel.CreateUnbounded<string[]?>();
    private readonly Channel<int> _reads = Channel.CreateUnbounded<int>();
    private long _offset;

    public string Name { get; } = name;

    public bool IsBounded => true;

    public PayloadFormat Format => PayloadFormat.Json;

    public IReadOnlyList<string>? ColumnNames => null;

    /// <summary>Gives the job one more batch.</summary>
    public void Send(params string[] lines) => _batches.Writer.TryWrite(lines);

    /// <summary>Ends the input: the job's next read finds the source exhausted.</summary>
    public void End() => _batches.Writer.TryWrite(null);

    /// <summary>Waits until the job asks for its next batch (it has dealt with every batch before).</summary>
    public async Task NextReadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _reads.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask<bool> ReadBatchAsync(SourceBatch batch, int maxRecords, CancellationToken cancellationToken)
    {
        batch.Clear();
        _reads.Writer.TryWrite(0);
        var lines = await _batches.Reader.ReadAsync(cancellationToken);
        if (lines is null)
        {
            return false;
        }
        foreach (var line in lines)
        {
            ref var record = ref batch.Add();
            record.Value = Encoding.UTF8.GetBytes(line);
            record.Topic = Name;
            record.Offset = _offset++;
            record.TimestampMs = -1;
        }
        return true;
    }

    public ValueTask CommitAsync(IReadOnlyDictionary<int, long>? heldFrom, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
