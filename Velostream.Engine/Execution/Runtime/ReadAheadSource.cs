using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.File;
using Velostream.Engine.Execution.Formats;
using Velostream.Engine.Execution.Planning;

namespace Velostream.Engine.Execution.Runtime;

/// <summary>
/// A pipeline stage in front of a file source: a thread of its own reads the next batches (file reads,
/// line splitting) and decodes the fields of a share of each batch's records (<see cref="DecodedFields"/>)
/// while the job's thread runs the operators on the current one, decoding the rest of it. Records keep
/// their order and are decoded by the same decoder, so the job's output, failures and dead letters are
/// byte-identical to a run on one thread; only the work moves. The share follows the load: it shrinks
/// when the job's thread has to wait for a batch and grows when this stage has to wait for the job.
/// Up to <see cref="Depth"/> batches wait ready; the file source keeps their memory valid
/// (<see cref="FileSource.KeepBatches"/>).
/// </summary>
internal sealed class ReadAheadSource : IRecordSource
{
    /// <summary>Batches read and decoded ahead of the one the job processes.</summary>
    public const int Depth = 3;

    // The share of each batch decoded here, in sixteenths.
    private const int MinShare = 4;
    private const int MaxShare = 16;
    private int _share = 12;

    private readonly FileSource _inner;
    private readonly IRecordDecoder _decoder;
    private readonly int _batchSize;
    private readonly BlockingCollection<SourceBatch> _free = new(Depth);
    private readonly BlockingCollection<(SourceBatch Batch, bool More, ExceptionDispatchInfo? Error)> _ready = new(Depth);
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private bool _finished;

    private ReadAheadSource(FileSource inner, IRecordDecoder decoder, int batchSize)
    {
        _inner = inner;
        _decoder = decoder;
        _batchSize = batchSize;
        // Batches the stage may hold, plus the one the job is processing.
        inner.KeepBatches(Depth + 1);
        for (var i = 0; i < Depth; i++)
        {
            _free.Add(new SourceBatch(batchSize));
        }
    }

    /// <summary>
    /// With <paramref name="threads"/> of 2 or more, puts a read-ahead stage in front of every file source
    /// the job reads as a stream (tables are loaded whole before the streams start, Kafka sources are left
    /// as they are). The stage then owns the source's decoder: the executor no longer decodes that source.
    /// </summary>
    public static void AddTo(List<IRecordSource> sources, IReadOnlyList<SourceRuntime> runtimes, int threads, int batchSize)
    {
        if (threads < 2) return;
        for (var i = 0; i < sources.Count; i++)
        {
            if (runtimes[i].Role == SourceRole.Stream && sources[i] is FileSource file)
            {
                sources[i] = new ReadAheadSource(file, runtimes[i].Decoder, batchSize);
            }
        }
    }

    public string Name => _inner.Name;

    public bool IsBounded => _inner.IsBounded;

    public PayloadFormat Format => _inner.Format;

    public IReadOnlyList<string>? ColumnNames => _inner.ColumnNames;

    /// <summary>Hands over the next batch read and decoded on the stage's thread (waiting for it if needed).</summary>
    public ValueTask<bool> ReadBatchAsync(SourceBatch batch, int maxRecords, CancellationToken cancellationToken)
    {
        batch.Clear();
        if (_finished) return ValueTask.FromResult(false);
        if (_thread is null)
        {
            _thread = new Thread(ReadAhead) { IsBackground = true, Name = $"velostream read-ahead {Name}" };
            _thread.Start();
        }
        if (!_ready.TryTake(out var item))
        {
            // The job waits for this stage: leave it more of the decoding.
            Volatile.Write(ref _share, Math.Max(MinShare, Volatile.Read(ref _share) - 1));
            item = _ready.Take(cancellationToken);
        }
        var (ready, more, error) = item;
        error?.Throw();
        batch.SwapWith(ready);
        // The batch given back now holds the records just processed: the stage reads into it next.
        _free.Add(ready, CancellationToken.None);
        _finished = !more;
        return ValueTask.FromResult(more);
    }

    public ValueTask CommitAsync(IReadOnlyDictionary<int, long>? heldFrom, CancellationToken cancellationToken) =>
        _inner.CommitAsync(heldFrom, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _thread?.Join();
        _stop.Dispose();
        await _inner.DisposeAsync().ConfigureAwait(false);
    }

    private void ReadAhead()
    {
        var stop = _stop.Token;
        try
        {
            while (true)
            {
                if (!_free.TryTake(out var batch))
                {
                    // This stage waits for the job: decode more of each batch here.
                    Volatile.Write(ref _share, Math.Min(MaxShare, Volatile.Read(ref _share) + 1));
                    batch = _free.Take(stop);
                }
                bool more;
                try
                {
                    var read = _inner.ReadBatchAsync(batch, _batchSize, stop);
                    more = read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
                    if (batch.Count > 0)
                    {
                        var ahead = batch.Count * Volatile.Read(ref _share) / MaxShare;
                        (batch.Decoded ??= new DecodedFields(_decoder.Fields.Count)).Decode(_decoder, batch.Records, ahead);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    // The job's thread rethrows it where it would have been thrown on one thread.
                    batch.Clear();
                    _ready.Add((batch, false, ExceptionDispatchInfo.Capture(e)), stop);
                    return;
                }
                _ready.Add((batch, more, null), stop);
                if (!more) return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The job stopped reading (end, LIMIT, failure or cancellation).
        }
    }
}
