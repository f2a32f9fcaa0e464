using System.Diagnostics;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.Runtime;
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
/// </summary>
internal sealed class RepartitionStage : IAsyncDisposable
{
    private readonly RepartitionChannel _channel;
    private readonly RepartitionKeyer _keyer;
    private readonly JobOptions _options;
    private readonly CancellationTokenSource _failed;
    private readonly Task _loop;
    private long _forwarded;

    private RepartitionStage(RepartitionChannel channel, RepartitionKeyer keyer, JobOptions options, CancellationToken jobStopping)
    {
        _channel = channel;
        _keyer = keyer;
        _options = options;
        _failed = CancellationTokenSource.CreateLinkedTokenSource(jobStopping);
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
        try
        {
            while (!_failed.IsCancellationRequested)
            {
                await input.ReadBatchAsync(batch, _options.BatchSize, _failed.Token).ConfigureAwait(false);
                var now = _options.Clock();
                foreach (ref readonly var record in batch.Records)
                {
                    // Its source position goes along, so the stateful stage can skip what a restart writes again.
                    through.Write(_keyer.KeyOf(record, now), record.Value.Span, SourcePositionHeaders.Stamp(record), record.TimestampMs);
                }
                Interlocked.Add(ref _forwarded, batch.Count);
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

    private async Task Commit(CancellationToken ct)
    {
        await _channel.Through.FlushAsync(ct).ConfigureAwait(false);
        await _channel.Input.CommitAsync(null, ct).ConfigureAwait(false);
    }

    /// <summary>Stops the stage (flush, commit) and releases its clients.</summary>
    public async ValueTask DisposeAsync()
    {
        await _failed.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _channel.Input.DisposeAsync().ConfigureAwait(false);
        if (_channel.Through is Connectors.Kafka.KafkaSink kafka) kafka.GiveUp();
        await _channel.Through.DisposeAsync().ConfigureAwait(false);
        _failed.Dispose();
    }
}
