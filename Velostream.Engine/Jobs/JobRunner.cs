using System.Diagnostics;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.File;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.Runtime;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Logical;
using L = Velostream.Engine.Sql.Logical;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Jobs;

/// <summary>
/// Runs one statement as a job: builds its sources and sinks through the registry, loads join
/// tables, then loops read batch → execute → write, flushing sinks and only then committing
/// sources (at-least-once), or committing all of it in one Kafka transaction (<c>'use_transactions'</c>),
/// every commit interval and at the end (<see cref="JobCommit"/>). Bounded input ends the job after
/// every window is closed and every output flushed; cancellation stops it cleanly (flush, commit
/// what was delivered); a failure under <c>'failure.strategy' = 'fail'</c> stops it without
/// committing past the failed record.
/// </summary>
internal sealed partial class JobRunner
{
    private readonly BoundStatement _bound;
    private readonly ConnectorRegistry _registry;
    private readonly JobOptions _options;
    // The job's changelogs (partitioned Kafka jobs with state, unless 'state.changelog' = 'false').
    private KafkaChangelogWriter? _changelogWriter;
    private KafkaChangelogReader? _changelogReader;
    // Set for one SELECT of a UNION ALL: the sinks it shares with the others.
    private readonly UnionSinks? _unionSinks;

    public JobRunner(BoundStatement bound, ConnectorRegistry registry, JobOptions options, string name)
        : this(bound, registry, options, name, new JobStats(), null)
    {
    }

    private JobRunner(BoundStatement bound, ConnectorRegistry registry, JobOptions options, string name, JobStats stats, UnionSinks? unionSinks)
    {
        _bound = bound;
        _registry = registry;
        _options = options with { JobName = name, Threads = options.ThreadsFor(bound.Settings) };
        Name = name;
        Stats = stats;
        _unionSinks = unionSinks;
    }

    public string Name { get; }

    public JobStats Stats { get; }

    /// <summary>The executor, once the job has started (null before, or when it failed to start).</summary>
    public QueryExecutor? Executor { get; private set; }

    /// <summary>
    /// <see cref="RunAsync"/> on a thread of its own. A Kafka source blocks its thread while it waits for
    /// records, and on the thread pool a handful of such jobs starve everything else in the process (the
    /// HTTP API, the feed, the exporters) until the pool has grown, by about one thread every half second.
    /// </summary>
    public Task<JobState> Start(CancellationToken cancellationToken) => OwnThread.Run(() => RunAsync(cancellationToken));

    /// <summary>Runs to completion, cancellation or failure; never throws for runtime problems (see <see cref="Stats"/>).</summary>
    public async Task<JobState> RunAsync(CancellationToken cancellationToken)
    {
        if (_bound.UnionBranches.Count > 0)
        {
            return await RunUnionAsync(cancellationToken).ConfigureAwait(false);
        }
        Stats.State = JobState.Running;
        Stats.StartedAt = DateTimeOffset.UtcNow;
        var sources = new List<IRecordSource>();
        IRecordSink? sink = null;
        IRecordSink? deadLetters = null;
        var connections = new JobConnections(_bound.Settings.UseTransactions, AllKafka(_bound)) { CoPartitioned = JoinedKafkaStreams(_bound), Tables = KafkaTables(_bound) };
        RepartitionStage? repartition = null;
        OperatorChains? chains = null;
        try
        {
            // Joined Kafka inputs are read partition by partition: their counts must agree. Checked before any
            // source opens, so a job that cannot run never joins a consumer group only to leave it mid-join.
            if (LogicalPlanner.Plan(_bound).Plan is { } configured)
            {
                var uncopartitioned = CoPartitioning.Check(configured.Scans, CoPartitioning.Joins(configured), scan => _registry.PartitionCount(new ConnectorContext(scan.Config!, Name, _options) { Connections = connections })).ToList();
                if (uncopartitioned.Count > 0)
                {
                    return Fail(string.Join("; ", uncopartitioned));
                }
            }
            // A stateful job whose key is not the input's partitioning reads its stream through an internal topic.
            repartition = RepartitionStage.Start(_bound, _registry, _options, Name, cancellationToken);
            foreach (var config in repartition?.SourceConfigs(_bound.SourceConfigs) ?? _bound.SourceConfigs)
            {
                sources.Add(config.Type == StatementPipes.Type
                    ? _options.Pipes!.Open(config)
                    : _registry.CreateSource(new ConnectorContext(config, Name, _options) { Connections = connections }));
            }
            // Planned again now that the sources are open: a CSV header gives the columns of SELECT *.
            var sinkFormat = _bound.Sink is { } sinkConfig ? ConnectorCatalog.ParseFormat(sinkConfig.Get("format")) : PayloadFormat.Json;
            var planned = LogicalPlanner.Plan(_bound, [.. sources.Select(s => SourceShape.Of(s).Schema)], sinkFormat);
            if (!planned.Succeeded)
            {
                return Fail(string.Join("; ", planned.Diagnostics));
            }
            var plan = planned.Plan!;
            PayloadFormat format;
            if (_bound.Sink is not null)
            {
                var context = new ConnectorContext(_bound.Sink, Name, _options, plan.OutputColumns) { Connections = connections };
                format = context.Format;
                sink = OpenSink(() => _registry.CreateSink(context));
            }
            else
            {
                format = PayloadFormat.Json;
                sink = OpenSink(() => FileSink.ToStream("stdout", _options.StandardOutput ?? Console.OpenStandardOutput()));
            }
            var settings = _bound.Settings;
            if (settings.Failure == FailureStrategy.DeadLetter || settings.LateData == LateDataStrategy.DeadLetter)
            {
                Func<IRecordSink?> create = () => _registry.CreateDeadLetterSink(new DeadLetterContext(Name, settings, _bound.SourceConfigs, _options) { Connections = connections });
                deadLetters = (_unionSinks is null ? create() : _unionSinks.DeadLetters(_bound, create))
                    // validate, run and serve reject this first (JobPreflight); a job hosted in process may still get here.
                    ?? throw new ConnectorException(JobPreflight.NoDeadLetterDestination(_bound.Statement.JobName));
            }
            var output = new OutputTarget(sink, format, deadLetters);
            var executor = Executor = SqlJobCompiler.Compile(plan, _options, output, Stats).Executor!;
            ReadAheadSource.AddTo(sources, executor.Sources, _options.Threads!.Value, _options.BatchSize);
            chains = BuildChains(plan, executor, sources, output, connections, deduplicate: repartition is not null);
            var commit = new JobCommit(chains, sources, sink, deadLetters, connections.Producer, _changelogWriter);
            commit.Start();
            _options.Observer.JobStarted(executor.Job);
            await RunLoop(commit, repartition?.Stopping ?? cancellationToken).ConfigureAwait(false);
            return repartition?.Error is { } stageError ? Fail(stageError) : Stats.State;
        }
        catch (ConnectorException e)
        {
            return Fail(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Fail(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug (ours, or a connector's or observer's) fails this job only: the others keep running.
            return Fail($"internal error: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            Stats.StoppedAt = DateTimeOffset.UtcNow;
            if (repartition is not null) await repartition.DisposeAsync().ConfigureAwait(false);
            foreach (var source in sources)
            {
                await DisposeQuietly(source).ConfigureAwait(false);
            }
            if (sink is not null) await DisposeQuietly(sink).ConfigureAwait(false);
            if (deadLetters is not null) await DisposeQuietly(deadLetters).ConfigureAwait(false);
            chains?.Close();
            if (_changelogWriter is not null) await DisposeQuietly(_changelogWriter).ConfigureAwait(false);
            _changelogReader?.Dispose();
            await DisposeQuietly(connections).ConfigureAwait(false);
            // The statements reading this one's output in process see its end (or its failure).
            _options.Pipes?.Done(_bound.Statement, Stats.State == JobState.Failed ? Stats.LastError ?? "failed" : null);
            if (Executor is not null) _options.Observer.JobStopped(Executor.Job, Stats);
        }
    }

    /// <summary>
    /// One operator chain per input partition when every source is a Kafka stream (and no LIMIT or ORDER
    /// BY needs all rows in one place); its state in changelog topics when the plan has any, unless
    /// <c>'state.changelog' = 'false'</c>. Otherwise the one chain already built, in memory.
    /// </summary>
    private OperatorChains BuildChains(L.QueryPlan plan, QueryExecutor executor, List<IRecordSource> sources, OutputTarget output, JobConnections connections, bool deduplicate)
    {
        var kafka = sources.OfType<KafkaSource>().ToList();
        if (kafka.Count == 0 || kafka.Count != sources.Count || !OperatorChains.Partitionable(plan))
        {
            return OperatorChains.Single(executor);
        }
        var operators = StatefulOperators.Of(plan);
        var durable = _bound.Settings.StateChangelog && operators.Count > 0;
        Func<IStateStoreProvider> stores = () => new InMemoryStateStores();
        if (durable)
        {
            var connection = kafka[0].ConnectionProperties;
            // Through the job's producer when it has one (its transaction, with exactly-once), else a writer of its own.
            IChangelogWriter writer = (IChangelogWriter?)connections.Producer ?? (_changelogWriter = KafkaChangelogWriter.Create(connection, Name));
            var reader = _changelogReader = new KafkaChangelogReader(connection, [.. kafka.SelectMany(k => k.Topics)], _options.Log ?? Console.Error);
            var application = _options.AppName ?? "app";
            stores = () => new ChangelogStateStores(application, writer, reader, operators);
        }
        var chains = OperatorChains.PerPartition(executor,
            (partition, state) => SqlJobCompiler.Compile(plan, _options with { StateStores = state, StatePartition = partition }, output, Stats).Executor!,
            stores, durable, deduplicate);
        chains.Skipped = skipped =>
        {
            Stats.AddDuplicatesSkipped(skipped);
            (_options.Log ?? Console.Error).WriteLine($"job {Name}: skipped {skipped} record(s) the repartition stage wrote again after a restart (applied before)");
        };
        for (var i = 0; i < kafka.Count; i++)
        {
            kafka[i].Partitions = chains.ListenerFor(i);
        }
        return chains;
    }

    private async Task RunLoop(JobCommit commit, CancellationToken ct)
    {
        var (chains, sources) = (commit.Chains, commit.Sources);
        var batch = new SourceBatch(_options.BatchSize);
        // A partition leaving the job: everything read so far is committed first (on the polling thread, inside a read).
        chains.CommitAll = () => commit.RunAsync(commitSources: !chains.Failed, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            // Tables first, whole: a bounded table to its end, a Kafka table until every partition was read to
            // its end, another unbounded one until it is caught up (a read comes back empty).
            for (var i = 0; i < sources.Count; i++)
            {
                if (chains.Role(i) != SourceRole.Table) continue;
                while (!ct.IsCancellationRequested && await sources[i].ReadBatchAsync(batch, _options.BatchSize, ct).ConfigureAwait(false))
                {
                    if (batch.Count > 0) chains.LoadTable(i, batch);
                    if (sources[i] is KafkaSource { IsGlobal: true } global ? global.CaughtUp : batch.Count == 0 && !sources[i].IsBounded) break;
                }
            }
            // A Kafka table keeps changing: its updates are applied between stream batches (a read that does not wait).
            var liveTables = Enumerable.Range(0, sources.Count).Where(i => sources[i] is KafkaSource { IsGlobal: true }).ToList();
            var streams = Enumerable.Range(0, sources.Count).Where(i => chains.Role(i) == SourceRole.Stream).ToList();
            var clock = Stopwatch.StartNew();
            var order = new StreamReadOrder(sources.Count);
            while (!ct.IsCancellationRequested && !chains.Done)
            {
                var open = streams.Where(i => !chains.Finished(i)).ToList();
                if (open.Count == 0) break;
                foreach (var t in liveTables)
                {
                    await sources[t].ReadBatchAsync(batch, _options.BatchSize, ct).ConfigureAwait(false);
                    if (batch.Count > 0) chains.LoadTable(t, batch);
                }
                // The stream furthest behind in event time, unless it just came back empty (then the others).
                var next = order.Next(open, chains.MaxEventTimeMs);
                var more = await sources[next].ReadBatchAsync(batch, _options.BatchSize, ct).ConfigureAwait(false);
                order.Read(next, batch.Count);
                if (batch.Count > 0) chains.Process(next, batch);
                if (!more) chains.SourceFinished(next);
                if (clock.Elapsed >= _options.CommitInterval)
                {
                    await commit.RunAsync(commitSources: !chains.Failed, ct).ConfigureAwait(false);
                    clock.Restart();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: fall through to the final flush.
        }
        if (chains.Failed)
        {
            // Deliver what good records produced before the failure, but do not mark the failed record done.
            await commit.RunAsync(commitSources: false, CancellationToken.None).ConfigureAwait(false);
            Stats.State = JobState.Failed;
            return;
        }
        if (ct.IsCancellationRequested)
        {
            await StopWithinDeadline(commit).ConfigureAwait(false);
            return;
        }
        chains.Finish();
        await commit.RunAsync(commitSources: true, CancellationToken.None).ConfigureAwait(false);
        Stats.State = chains.Failed ? JobState.Failed : JobState.Completed;
    }

    /// <summary>
    /// Stopping: flush and commit, but wait for the broker no longer than <see cref="JobOptions.StopTimeout"/>
    /// (librdkafka alone retries for message.timeout.ms, 5 minutes by default). Records still
    /// unacknowledged then are reported and their input is not committed: the job ends failed.
    /// </summary>
    private async Task StopWithinDeadline(JobCommit commit)
    {
        using var deadline = new CancellationTokenSource(_options.StopTimeout);
        try
        {
            await commit.RunAsync(commitSources: true, deadline.Token).ConfigureAwait(false);
            Stats.State = JobState.Stopped;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var unacknowledged = commit.Unacknowledged;
            Fail($"stopped with {unacknowledged} record(s) not acknowledged by the broker within {_options.StopTimeout.TotalSeconds:0.#} s: "
                + "their input was not committed and will be read again");
        }
    }

    /// <summary>
    /// Whether transactions can cover the whole job: every source and the sink are Kafka topics (a
    /// configured default applies only then; an explicit <c>'use_transactions'</c> elsewhere fails validation).
    /// </summary>
    private static bool AllKafka(BoundStatement bound) =>
        bound.Sink?.Type.Name == ConnectorCatalog.KafkaSink && bound.SourceConfigs.All(s => s.Type.Name == ConnectorCatalog.KafkaSource);

    // The statement's sink as this job writes it: shared with the other SELECTs of a UNION ALL, and
    // passing its records on to the statements that read this one's output in process.
    private IRecordSink OpenSink(Func<IRecordSink> create)
    {
        var sink = _unionSinks is null ? create() : _unionSinks.Output(_bound, create);
        return _options.Pipes?.Tee(_bound.Statement, sink) ?? sink;
    }

    /// <summary>
    /// The inputs of a join of Kafka streams (interval joins only, no table side), which read through one
    /// consumer so that the group gives partition p of every input to the same replica; else none.
    /// </summary>
    private static IReadOnlyList<EndpointConfig> JoinedKafkaStreams(BoundStatement bound) =>
        bound.SourceConfigs.Count > 1 && bound.SourceConfigs.All(s => s.Type.Name == ConnectorCatalog.KafkaSource)
            && bound.Statement.Query.Joins.All(j => j.Interval is not null)
            ? bound.SourceConfigs
            : [];

    /// <summary>
    /// The table sides of the stream–table joins whose table is a Kafka topic: each is read whole by every
    /// replica (all partitions assigned, no group), so the stream side needs no particular partitioning.
    /// </summary>
    private static IReadOnlyList<EndpointConfig> KafkaTables(BoundStatement bound) =>
        [.. bound.SourceConfigs.Where((s, i) => i > 0 && i - 1 < bound.Statement.Query.Joins.Count
            && bound.Statement.Query.Joins[i - 1].Interval is null && s.Type.Name == ConnectorCatalog.KafkaSource)];

    private JobState Fail(string message)
    {
        Stats.LastError = message;
        Stats.State = JobState.Failed;
        return JobState.Failed;
    }

    private static async ValueTask DisposeQuietly(IAsyncDisposable disposable)
    {
        try
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Disposal after a failure must not hide the failure that ended the job.
        }
    }
}
