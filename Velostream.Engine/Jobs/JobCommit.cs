using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;

namespace Velostream.Engine.Jobs;

/// <summary>
/// A job's commit sequence, run every commit interval and when the job ends. Outputs first, then the
/// state they leave behind, then the offsets past them:
/// <list type="number">
/// <item>the sinks and the dead-letter sink flush (every record acknowledged by the broker, or written to its file);</item>
/// <item>operator state stores flush (changelog records, through the job's shared producer), and that producer flushes them;
/// then each changelog partition gets its positions record, flushed too;</item>
/// <item>at-least-once: each source commits its offsets, no further than what open state holds;
/// exactly-once (<c>'use_transactions'</c>): the offsets go into the producer's transaction with its
/// outputs, dead letters and changelog records, and the transaction commits, all or nothing.</item>
/// </list>
/// A job that failed does not commit its sources: with transactions, its open transaction is aborted.
/// </summary>
/// <param name="changelog">The changelog stores' own writer, when the job has no producer of its own (a Kafka job writing to a file).</param>
internal sealed class JobCommit(
    OperatorChains chains, IReadOnlyList<IRecordSource> sources, IRecordSink sink, IRecordSink? deadLetters, ISharedProducer? producer,
    KafkaChangelogWriter? changelog = null)
{
    public OperatorChains Chains { get; } = chains;

    public IReadOnlyList<IRecordSource> Sources { get; } = sources;

    /// <summary>Records written to the sinks that are not durable yet.</summary>
    public long Unacknowledged => sink.Unacknowledged + (deadLetters?.Unacknowledged ?? 0);

    /// <summary>True when outputs, dead letters, changelog records and offsets commit in one Kafka transaction.</summary>
    public bool Transactional => producer?.IsTransactional == true;

    /// <summary>
    /// Before the first record: a transactional producer registers its id now, fencing the process it
    /// replaces and aborting the transaction that one left open.
    /// </summary>
    public void Start()
    {
        if (Transactional)
        {
            producer!.Start();
        }
    }

    /// <param name="commitSources">False for a failed job: deliver (or, with transactions, abort) what was written, commit no offsets.</param>
    public async Task RunAsync(bool commitSources, CancellationToken ct)
    {
        await sink.FlushAsync(ct).ConfigureAwait(false);
        if (deadLetters is not null) await deadLetters.FlushAsync(ct).ConfigureAwait(false);
        if (!commitSources)
        {
            if (Transactional) producer!.AbortTransaction();
            return;
        }
        Chains.FlushState();
        await FlushChangelogs(ct).ConfigureAwait(false);
        // Positions records only once every changed key is durable: a restore that finds one in any of a
        // partition's changelogs can then trust the others to hold that checkpoint's keys whole.
        Chains.Checkpoint();
        await FlushChangelogs(ct).ConfigureAwait(false);
        var held = Chains.HeldOffsets();
        if (Transactional)
        {
            await producer!.CommitTransactionAsync(Sources, held, ct).ConfigureAwait(false);
            return;
        }
        for (var i = 0; i < Sources.Count; i++)
        {
            await Sources[i].CommitAsync(held[i], ct).ConfigureAwait(false);
        }
    }

    private async Task FlushChangelogs(CancellationToken ct)
    {
        if (producer is not null) await producer.FlushAsync(ct).ConfigureAwait(false);
        if (changelog is not null) await changelog.FlushAsync(ct).ConfigureAwait(false);
    }
}
