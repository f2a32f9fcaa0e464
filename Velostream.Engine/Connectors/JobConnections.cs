using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Connectors;

/// <summary>
/// What the connectors of one job share: the job's producer (created by the first connector that needs
/// it, disposed with the job) and whether that producer is to be transactional.
/// </summary>
/// <param name="UseTransactions">The job's <c>'use_transactions'</c> (null: the configured default).</param>
/// <param name="TransactionsPossible">Every source and the sink are Kafka topics (a configured default applies only then).</param>
internal sealed class JobConnections(bool? UseTransactions, bool TransactionsPossible) : IAsyncDisposable
{
    public bool? UseTransactions { get; } = UseTransactions;

    public bool TransactionsPossible { get; } = TransactionsPossible;

    /// <summary>
    /// The job's sources that read through one consumer, in source order: the inputs of a join of Kafka
    /// streams (so that the group gives partition p of each to the same replica). Empty otherwise.
    /// </summary>
    public IReadOnlyList<EndpointConfig> CoPartitioned { get; init; } = [];

    /// <summary>
    /// The job's Kafka sources that are the table side of a stream–table join: each read whole, every
    /// partition assigned, by every replica (as Kafka Streams reads a GlobalKTable). Empty otherwise.
    /// </summary>
    public IReadOnlyList<EndpointConfig> Tables { get; init; } = [];

    private object? _coPartitionedSources;

    /// <summary>The co-partitioned sources, created together by <paramref name="create"/> when the first of them is asked for.</summary>
    public T CoPartitionedSources<T>(Func<T> create) where T : class => (T)(_coPartitionedSources ??= create());

    /// <summary>The job's shared producer, once a connector created it.</summary>
    public ISharedProducer? Producer { get; private set; }

    /// <summary>The job's producer, created by <paramref name="create"/> on first use.</summary>
    public T SharedProducer<T>(Func<T> create) where T : class, ISharedProducer
    {
        Producer ??= create();
        return Producer as T ?? throw new InvalidOperationException($"the job's producer is a {Producer.GetType().Name}, not a {typeof(T).Name}");
    }

    public ValueTask DisposeAsync() => Producer?.DisposeAsync() ?? ValueTask.CompletedTask;
}
