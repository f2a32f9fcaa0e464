
namespace Velostream.Engine.Execution.State;

/// <summary>
/// Opens in-memory stores: what every job uses until state is kept in changelog topics. A store
/// opened again under the same id is the one opened before, with its state, as a restored store
/// would be: an operator built over it continues where the previous one stopped.
/// </summary>
internal sealed class InMemoryStateStores : IStateStoreProvider
{
    private readonly List<IStateStore> _stores = [];

    public IReadOnlyList<IStateStore> Stores => _stores;

    public IKeyValueStore<TValue> KeyValueStore<TValue>(StateStoreId id, Codecs.IStateCodec<TValue>? codec = null) where TValue : class
    {
        if (Find<TValue>(_stores, id) is { } open) return open;
        var store = new InMemoryKeyValueStore<TValue>(id);
        _stores.Add(store);
        return store;
    }

    /// <summary>The store <paramref name="id"/> among <paramref name="stores"/>, or null; a store of another value type is a bug.</summary>
    internal static IKeyValueStore<TValue>? Find<TValue>(List<IStateStore> stores, StateStoreId id) where TValue : class
    {
        if (stores.Find(s => s.Id == id) is not { } open) return null;
        return open as IKeyValueStore<TValue>
            ?? throw new InvalidOperationException($"state store {id} holds {open.GetType().Name}, not {typeof(TValue).Name}");
    }
}
