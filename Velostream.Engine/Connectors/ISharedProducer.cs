using Velostream.Engine.Execution.State;

namespace Velostream.Engine.Connectors;

/// <summary>
/// The one producer a job's connectors share (Kafka: sinks, the dead-letter topic and the changelog
/// stores all send through it), as the job runner sees it at a commit: it flushes the changelog
/// writes and, with transactions on, commits everything written since the last commit together with
/// the sources' positions, as one transaction.
/// </summary>
internal interface ISharedProducer : IChangelogWriter, IAsyncDisposable
{
    /// <summary>True when writes go into transactions that <see cref="CommitTransactionAsync"/> commits.</summary>
    bool IsTransactional { get; }

    /// <summary>
    /// Connects now rather than at the first write; a transactional producer registers its transactional
    /// id, which fences an older producer with the same id and aborts the transaction it left open.
    /// </summary>
    void Start();

    /// <summary>Completes when every changelog record written so far is acknowledged (sinks flush their own records).</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Commits the open transaction with the positions of <paramref name="sources"/> (per source, no
    /// further than <paramref name="heldFrom"/>, as <see cref="IRecordSource.CommitAsync"/>). Throws
    /// <see cref="ConnectorException"/> when the transaction was aborted or the producer fenced: then
    /// nothing of it is visible to read_committed consumers and the sources' positions did not move.
    /// </summary>
    ValueTask CommitTransactionAsync(IReadOnlyList<IRecordSource> sources, IReadOnlyList<IReadOnlyDictionary<int, long>?> heldFrom, CancellationToken cancellationToken);

    /// <summary>Aborts the open transaction, if any (a failed job): its records are never committed.</summary>
    void AbortTransaction();
}
