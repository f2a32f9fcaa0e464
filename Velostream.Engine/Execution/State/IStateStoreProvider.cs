
namespace Velostream.Engine.Execution.State;

/// <summary>
/// Opens the stores operators keep their state in (Kafka Streams' <c>ProcessorStateManager</c>).
/// The physical planner opens each operator's stores and hands them to its constructor, so what
/// keeps the state (memory, a changelog topic) changes here and never in operator code.
/// </summary>
internal interface IStateStoreProvider
{
    /// <summary>
    /// The store <paramref name="id"/>, holding its state so far (restored, for a durable store, before
    /// it is returned). An operator given a store that is not empty rebuilds its own indexes from it.
    /// </summary>
    /// <param name="codec">How the values become changelog records; null keeps the store in memory only (state
    /// rebuilt from the input at every start, such as a lookup join's table).</param>
    IKeyValueStore<TValue> KeyValueStore<TValue>(StateStoreId id, Codecs.IStateCodec<TValue>? codec = null) where TValue : class;

    /// <summary>Every store opened so far (flushed at each commit, closed when the job stops).</summary>
    IReadOnlyList<IStateStore> Stores { get; }
}
