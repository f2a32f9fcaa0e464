using System.Diagnostics;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.Runtime;
using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Logical;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Jobs;

/// <summary>
/// The first stage of a job whose plan has a <see cref="Repartition"/>: on a thread of its own, it reads
/// the original stream with the job's consumer group and writes every record, value, headers (trace
/// context) and timestamp unchanged, to the job's internal topic keyed by its GROUP BY key; the job's
/// own loop (the stateful stage) reads that topic instead, with a consumer group of its own. It is
/// at-least-once (it commits its input only once the broker acknowledged what it wrote, so a crash
/// between the two writes records again); each record carries its source partition and offset
/// (<see cref="SourcePositionHeaders"/>), by which the stateful stage skips those it applied already.
/// Every <see cref="WatermarkInterval"/> (and before each commit) it writes a watermark record into every
/// partition of the internal topic (<see cref="WatermarkRecord"/>): how far event time got in each source
/// partition it reads, so that the stateful stage closes windows by the slowest source partition.
/// </summary>
internal sealed class RepartitionStage : IAsyncDisposable
{
    /// <summary>How often the watermark records are written (when they changed).</summary>
    public static readonly TimeSpan WatermarkInterval = TimeSpan.FromMilliseconds(200);

    private readonly RepartitionChannel _channel;
    private readonly KafkaSink _through;
    private readonly RepartitionKeyer _keyer;
    private readonly JobOptions _options;
    private readonly CancellationTokenSource _failed;
    private readonly SourcePartitionTimes _times = new();
    private readonly StateWriter _watermarkWriter = new();
    private readonly RecordHeaders _watermarkHeaders = WatermarkRecord.Headers();
    private byte[]? _lastWatermarks;
    private readonly Task _loop;
    private long _forwarded;

    private RepartitionStage(RepartitionChannel channel, RepartitionKeyer keyer, JobOptions options, CancellationToken jobStopping)
    {
        _channel = channel;
        _through = channel.Through as KafkaSink ?? throw new InvalidOperationException("a repartition topic is written by a Kafka sink");
        _keyer = keyer;
        _options = options;
        _failed = CancellationTokenSource.CreateLinkedTokenSource(jobStopping);
        if (channel.Input is KafkaSource kafka) kafka.Partitions = new AssignmentListener(_times);
        _loop = OwnThread.Run(RunAsync);
    }

    /// <summary>
    /// Starts the first stage when the statement's plan repartitions and its input has several partitions;
    /// null otherwise (the job reads its sources directly).
    /// </summary>
    public static RepartitionStage? Start(BoundStatement bound, ConnectorRegistry registry, JobOptions options, string job, CancellationToken jobStopping)
    {
        var plan = LogicalPlanner.Plan(bound).Plan;
        if (plan?.Find<Repartition>() is not { } node) return null;
        var config = bound.SourceConfigs[node.Source.Index];
        var channel = registry.CreateRepartition(new RepartitionContext(config, job, options, node.Keys.Count == 0));
        return channel is null ? null : new RepartitionStage(channel, SqlJobCompiler.CompileRepartition(plan, node), options, jobStopping);
    }

    /// <summary>The internal topic the stateful stage reads.</summary>
    public string Topic => _channel.Topic;

    /// <summary>Records written to the internal topic so far.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Why the stage stopped on its own (the job then stops too), or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Cancelled when the job stops or this stage fails: the stateful stage's loop runs under it.</summary>
    public CancellationToken Stopping => _failed.Token;

    /// <summary>The job's source configurations with the repartitioned stream replaced by its internal topic.</summary>
    public IReadOnlyList<EndpointConfig> SourceConfigs(IReadOnlyList<EndpointConfig> original) =>
        [.. original.Select(c => c.Name == _channel.ReadBack.Name ? _channel.ReadBack : c)];

    private async Task RunAsync()
    {
        var batch = new SourceBatch(_options.BatchSize);
        var input = _channel.Input;
        var through = _channel.Through;
        var clock = Stopwatch.StartNew();
        var watermarkClock = Stopwatch.StartNew();
        try
        {
            while (!_failed.IsCancellationRequested)
            {
                await input.ReadBatchAsync(batch, _options.BatchSize, _failed.Token).ConfigureAwait(false);
                var now = _options.Clock();
                var wall = Environment.TickCount64;
                foreach (ref readonly var record in batch.Records)
                {
                    // Its source position goes along, so the stateful stage can skip what a restart writes again.
                    var key = _keyer.KeyOf(record, now, out var eventTime);
                    through.Write(key, record.Value.Span, SourcePositionHeaders.Stamp(record), record.TimestampMs);
                    _times.Read(record.Partition, eventTime, wall);
                }
                Interlocked.Add(ref _forwarded, batch.Count);
                if (watermarkClock.Elapsed >= WatermarkInterval)
                {
                    WriteWatermarks();
                    watermarkClock.Restart();
                }
                if (clock.Elapsed >= _options.CommitInterval)
                {
                    await Commit(_failed.Token).ConfigureAwait(false);
                    clock.Restart();
                }
            }
        }
        catch (OperationCanceledException) when (_failed.IsCancellationRequested)
        {
            // The job is stopping: commit what was delivered below.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Error = $"repartition to '{_channel.Topic}': {e.Message}";
            await _failed.CancelAsync().ConfigureAwait(false);
            return;
        }
        // Stopping: what was written and acknowledged is committed, within the job's stop deadline.
        using var deadline = new CancellationTokenSource(_options.StopTimeout);
        try
        {
            await Commit(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or Confluent.Kafka.KafkaException)
        {
            // Not acknowledged in time: its input is not committed and will be read again.
        }
    }

    /// <summary>
    /// Writes, after the records they cover, what event time each source partition reached into every
    /// partition of the internal topic (each must hear of every source partition); nothing when that did
    /// not change since the last time.
    /// </summary>
    private void WriteWatermarks()
    {
        var value = WatermarkRecord.Encode(_channel.SourcePartitions, _times.Entries(Environment.TickCount64), _watermarkWriter);
        if (_lastWatermarks is not null && value.AsSpan().SequenceEqual(_lastWatermarks)) return;
        for (var partition = 0; partition < _channel.Partitions; partition++)
        {
            _through.WriteToPartition(partition, null, value, _watermarkHeaders, -1);
        }
        _lastWatermarks = value;
    }

    private async Task Commit(CancellationToken ct)
    {
        WriteWatermarks();
        await _channel.Through.FlushAsync(ct).ConfigureAwait(false);
        await _channel.Input.CommitAsync(null, ct).ConfigureAwait(false);
    }

    /// <summary>Stops the stage (flush, commit) and releases its clients.</summary>
    public async ValueTask DisposeAsync()
    {
        await _failed.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _channel.Input.DisposeAsync().ConfigureAwait(false);
        _through.GiveUp();
        await _channel.Through.DisposeAsync().ConfigureAwait(false);
        _failed.Dispose();
    }

    /// <summary>Keeps the watermarks' partitions those the consumer group gives this stage.</summary>
    private sealed class AssignmentListener(SourcePartitionTimes times) : IPartitionListener
    {
        public IReadOnlyDictionary<int, long> Assigned(IReadOnlyList<int> partitions)
        {
            times.Assigned(partitions, Environment.TickCount64);
            // The committed offsets: the first stage keeps no state.
            return new Dictionary<int, long>();
        }

        public void Revoked(IReadOnlyList<int> partitions) => times.Revoked(partitions);
    }
}
