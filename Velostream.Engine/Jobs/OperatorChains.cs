using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.Runtime;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Sql.Logical;

namespace Velostream.Engine.Jobs;

/// <summary>
/// A job's operator chains. A job reading only Kafka streams runs one chain per input partition
/// (Kafka Streams' task): records of partition p go to chain p, whose state (stores of that
/// partition), watermark and windows are its own; a partition's chain is created, its state
/// restored, when the partition is assigned to the job, and dropped when it is revoked (after the
/// job committed). Every other job (files, stream–table joins, LIMIT or ORDER BY) runs one chain
/// over all its input, in memory, as before.
/// </summary>
internal sealed class OperatorChains
{
    private readonly Func<int, IStateStoreProvider, QueryExecutor>? _compile;
    private readonly Func<IStateStoreProvider>? _newStores;
    private readonly SortedDictionary<int, Chain> _chains = [];
    private readonly Dictionary<int, SourceBatch> _split = [];
    private readonly int _sourceCount;
    private readonly bool _deduplicate;
    private readonly List<WatermarkRecord.Entry> _watermarkEntries = [];
    private long _skippedSinceFlush;

    private OperatorChains(
        QueryExecutor template, Func<int, IStateStoreProvider, QueryExecutor>? compile, Func<IStateStoreProvider>? newStores, bool durable, bool deduplicate)
    {
        Template = template;
        _compile = compile;
        _newStores = newStores;
        _sourceCount = template.Sources.Count;
        Durable = durable;
        _deduplicate = deduplicate;
    }

    /// <summary>One chain over all input: <paramref name="executor"/>, its stores in memory.</summary>
    public static OperatorChains Single(QueryExecutor executor)
    {
        var chains = new OperatorChains(executor, null, null, durable: false, deduplicate: false);
        chains._chains[StateStoreId.Unpartitioned] = new Chain(executor, executor.State, chains._sourceCount);
        return chains;
    }

    /// <summary>
    /// One chain per input partition, each built by <paramref name="compile"/> over stores from
    /// <paramref name="newStores"/> (changelog-backed when <paramref name="durable"/>); <paramref name="template"/>
    /// describes the job (its sources, its name) and processes nothing. When <paramref name="deduplicate"/>
    /// (the stateful stage of a repartitioned job), each chain keeps the source offsets it applied
    /// (<see cref="AppliedSourceOffsets"/>) and skips a record the first stage wrote again, and takes its
    /// event time from the first stage's watermark records: the lowest over the source's partitions
    /// (<see cref="SourcePartitionWatermarks"/>).
    /// </summary>
    public static OperatorChains PerPartition(
        QueryExecutor template, Func<int, IStateStoreProvider, QueryExecutor> compile, Func<IStateStoreProvider> newStores, bool durable, bool deduplicate = false) =>
        new(template, compile, newStores, durable, deduplicate);

    /// <summary>
    /// Whether a plan over Kafka streams can run one chain per partition: no table source (a
    /// stream–table join loads its table once), no LIMIT or ORDER BY (they need every row in one place).
    /// </summary>
    public static bool Partitionable(QueryPlan plan) =>
        !plan.Scans.Any(s => s.IsTable) && plan.Find<Limit>() is null && plan.Find<Sort>() is null;

    /// <summary>The job as planned: its sources' roles and names.</summary>
    public QueryExecutor Template { get; }

    public bool Partitioned => _compile is not null;

    /// <summary>State is kept in changelog topics: a commit needs no hold-back.</summary>
    public bool Durable { get; }

    /// <summary>What the job does before a partition leaves it: flush, write state, commit (set by the job runner).</summary>
    public Action? CommitAll { get; set; }

    /// <summary>
    /// Told at each commit point how many records the chains skipped since the last one as written again
    /// by the repartition stage (set by the job runner).
    /// </summary>
    public Action<long>? Skipped { get; set; }

    /// <summary>The input partitions with a chain now (tests, metrics).</summary>
    public IReadOnlyCollection<int> Partitions => _chains.Keys;

    public bool Done => _chains.Values.Any(c => c.Executor.Done);

    public bool Failed => _chains.Values.Any(c => c.Executor.Failed);

    public SourceRole Role(int source) => Template.Sources[source].Role;

    public bool Finished(int source) => !Partitioned && Template.Sources[source].Finished;

    /// <summary>The latest event time read from <paramref name="source"/> by any chain.</summary>
    public long MaxEventTimeMs(int source) =>
        _chains.Values.Select(c => c.Executor.Sources[source].MaxEventTimeMs).DefaultIfEmpty(long.MinValue).Max();

    /// <summary>A listener for <paramref name="source"/>'s partitions (a Kafka source of a partitioned job).</summary>
    public IPartitionListener ListenerFor(int source) => new SourceListener(this, source);

    public void LoadTable(int source, SourceBatch batch) => Single().LoadTable(source, batch);

    public void Process(int source, SourceBatch batch)
    {
        if (!Partitioned)
        {
            Single().Process(source, batch);
            return;
        }
        foreach (ref readonly var record in batch.Records)
        {
            if (!_split.TryGetValue(record.Partition, out var part))
            {
                _split[record.Partition] = part = new SourceBatch(batch.Count);
            }
            var taken = record;
            if (_deduplicate && WatermarkRecord.TryRead(record, _watermarkEntries, out var sourcePartitions))
            {
                // The records before it first: it covers them.
                ProcessPart(source, record.Partition, part, batch.ConsumerGroup);
                var chain = Open(record.Partition);
                chain.Next[source] = Math.Max(chain.Next[source], record.Offset + 1);
                if (chain.Watermarks!.Apply(sourcePartitions, _watermarkEntries))
                {
                    chain.Executor.UpstreamTimeReached(source, chain.Watermarks.ReachedMs);
                }
                _watermarkEntries.Clear();
                continue;
            }
            if (_deduplicate && SourcePositionHeaders.Take(ref taken.Headers, out var sourcePartition, out var sourceOffset)
                && Open(record.Partition) is var owner && !owner.Applied!.Admit(sourcePartition, sourceOffset))
            {
                // Applied before: not processed again, but read (the chain's position moves past it).
                owner.Next[source] = record.Offset + 1;
                _skippedSinceFlush++;
                continue;
            }
            part.Add() = taken;
        }
        foreach (var (partition, part) in _split)
        {
            ProcessPart(source, partition, part, batch.ConsumerGroup);
        }
    }

    private void ProcessPart(int source, int partition, SourceBatch part, string? consumerGroup)
    {
        if (part.Count == 0) return;
        part.ConsumerGroup = consumerGroup;
        var chain = Open(partition);
        chain.Next[source] = Math.Max(chain.Next[source], part[part.Count - 1].Offset + 1);
        chain.Executor.Process(source, part);
        part.Clear();
    }

    public void SourceFinished(int source)
    {
        foreach (var chain in _chains.Values)
        {
            chain.Executor.SourceFinished(source);
        }
    }

    public void Finish()
    {
        foreach (var chain in _chains.Values)
        {
            chain.Executor.Finish();
        }
    }

    /// <summary>
    /// Per source, the offsets per partition that open state not kept durably still needs (see
    /// <see cref="QueryExecutor.HeldOffsets"/>); nothing when the state is in changelogs, which the
    /// job writes before it commits.
    /// </summary>
    public IReadOnlyDictionary<int, long>?[] HeldOffsets()
    {
        var held = new IReadOnlyDictionary<int, long>?[_sourceCount];
        if (Durable) return held;
        foreach (var chain in _chains.Values)
        {
            var own = chain.Executor.HeldOffsets();
            for (var i = 0; i < held.Length; i++)
            {
                if (own[i] is not { } offsets) continue;
                var merged = held[i] is { } so ? new Dictionary<int, long>(so) : [];
                foreach (var (partition, offset) in offsets)
                {
                    merged[partition] = merged.TryGetValue(partition, out var o) ? Math.Min(o, offset) : offset;
                }
                held[i] = merged;
            }
        }
        return held;
    }

    /// <summary>A commit point, first step: every store writes what changed since the last one.</summary>
    public void FlushState()
    {
        foreach (var chain in _chains.Values)
        {
            foreach (var store in chain.Stores.Stores)
            {
                store.Flush();
            }
        }
        if (_skippedSinceFlush > 0)
        {
            Skipped?.Invoke(_skippedSinceFlush);
            _skippedSinceFlush = 0;
        }
    }

    /// <summary>
    /// A commit point, second step, once the broker acknowledged what <see cref="FlushState"/> wrote: each
    /// partition's changelogs record the input positions that state includes (so a restore resumes exactly there).
    /// </summary>
    public void Checkpoint()
    {
        foreach (var (partition, chain) in _chains)
        {
            if (chain.Stores is ChangelogStateStores changelog)
            {
                changelog.Checkpoint(partition, chain.Next);
            }
        }
    }

    /// <summary>Every chain's stores are closed (the job stopped).</summary>
    public void Close()
    {
        foreach (var partition in _chains.Keys.ToList())
        {
            Drop(partition);
        }
    }

    private QueryExecutor Single() => _chains[StateStoreId.Unpartitioned].Executor;

    private Chain Open(int partition)
    {
        if (_chains.TryGetValue(partition, out var chain)) return chain;
        var stores = _newStores!();
        chain = new Chain(_compile!(partition, stores), stores, _sourceCount)
        {
            Applied = _deduplicate ? new AppliedSourceOffsets(stores, Template.Job.Name, partition) : null,
            Watermarks = _deduplicate ? new SourcePartitionWatermarks(stores, Template.Job.Name, partition) : null,
        };
        if (chain.Watermarks is { } watermarks)
        {
            // The stream read through the repartition topic (the only one such a job reads) takes its event
            // time from the first stage's watermark records, restored as far as they had got.
            foreach (var runtime in chain.Executor.Sources.Where(s => s.Role == SourceRole.Stream))
            {
                runtime.TimeFromUpstream = true;
                chain.Executor.UpstreamTimeReached(runtime.Index, watermarks.ReachedMs);
            }
        }
        if (stores is ChangelogStateStores changelog && changelog.RestoredPositions(partition) is { } restored)
        {
            restored.AsSpan(0, Math.Min(restored.Length, _sourceCount)).CopyTo(chain.Next);
        }
        _chains[partition] = chain;
        return chain;
    }

    private void Drop(int partition)
    {
        if (!_chains.Remove(partition, out var chain)) return;
        foreach (var store in chain.Stores.Stores)
        {
            store.Close();
        }
    }

    private sealed class Chain(QueryExecutor executor, IStateStoreProvider stores, int sourceCount)
    {
        public QueryExecutor Executor { get; } = executor;

        public IStateStoreProvider Stores { get; } = stores;

        /// <summary>Per source, the next offset of this partition the chain's state does not include yet (-1: none read).</summary>
        public long[] Next { get; } = Enumerable.Repeat(-1L, sourceCount).ToArray();

        /// <summary>The source offsets applied, for the stateful stage of a repartitioned job.</summary>
        public AppliedSourceOffsets? Applied { get; init; }

        /// <summary>How far event time got per source partition, for the stateful stage of a repartitioned job.</summary>
        public SourcePartitionWatermarks? Watermarks { get; init; }

        /// <summary>The sources that have this partition assigned now (a bit each).</summary>
        public int Owners { get; set; }
    }

    /// <summary>Ties one source's partition assignments to the chains.</summary>
    private sealed class SourceListener(OperatorChains chains, int source) : IPartitionListener
    {
        public IReadOnlyDictionary<int, long> Assigned(IReadOnlyList<int> partitions)
        {
            var starts = new Dictionary<int, long>();
            foreach (var partition in partitions)
            {
                var chain = chains.Open(partition);
                chain.Owners |= 1 << source;
                // Resume where the restored state stopped: records before it are in the state already.
                if (chains.Durable && chain.Next[source] >= 0) starts[partition] = chain.Next[source];
            }
            return starts;
        }

        public void Revoked(IReadOnlyList<int> partitions)
        {
            chains.CommitAll?.Invoke();
            foreach (var partition in partitions)
            {
                if (!chains._chains.TryGetValue(partition, out var chain)) continue;
                chain.Owners &= ~(1 << source);
                if (chain.Owners == 0) chains.Drop(partition);
            }
        }
    }
}
