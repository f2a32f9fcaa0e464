using Velostream.Engine.Connectors;

namespace Velostream.Engine.Jobs;

/// <summary>
/// Reads a <see cref="StatementPipe"/>: the records another statement of the application wrote, in its
/// sink's format. Bounded when the producing statement's sources are; an unbounded one returns an empty
/// batch after a short wait, as a Kafka source does. Commits nothing: after a restart the producer
/// computes its output again from its own sources.
/// </summary>
internal sealed class StatementPipeSource(string name, StatementPipe pipe, bool bounded, PayloadFormat format, IReadOnlyList<string>? columns) : IRecordSource
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private long _offset;

    public string Name { get; } = name;

    public bool IsBounded { get; } = bounded;

    public PayloadFormat Format { get; } = format;

    public IReadOnlyList<string>? ColumnNames { get; } = columns;

    public async ValueTask<bool> ReadBatchAsync(SourceBatch batch, int maxRecords, CancellationToken cancellationToken)
    {
        batch.Clear();
        var reader = pipe.Reader;
        if (!reader.TryPeek(out _))
        {
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (!IsBounded) poll.CancelAfter(PollTimeout);
            try
            {
                if (!await reader.WaitToReadAsync(poll.Token).ConfigureAwait(false))
                {
                    // Completed: rethrows the producer's failure, if it failed.
                    await reader.Completion.ConfigureAwait(false);
                    return false;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return true;
            }
        }
        while (batch.Count < maxRecords && reader.TryRead(out var piped))
        {
            ref var record = ref batch.Add();
            record.Key = piped.Key;
            record.Value = piped.Value;
            record.Headers = piped.Headers;
            record.Topic = pipe.Producer;
            record.Partition = 0;
            record.Offset = ++_offset;
            record.TimestampMs = piped.TimestampMs;
        }
        return true;
    }

    public ValueTask CommitAsync(IReadOnlyDictionary<int, long>? heldFrom, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        pipe.Abandon();
        return ValueTask.CompletedTask;
    }
}
