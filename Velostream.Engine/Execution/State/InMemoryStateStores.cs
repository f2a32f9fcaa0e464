namespace Velostream.Engine.Execution.State;

/// <summary>Opens in-memory stores: what every job uses until state is kept in changelog topics.</summary>
internal sealed class InMemoryStateStores : IStateStoreProvider
{
    private readonly List<IStateStore> _stores = [];

    public IReadOnlyList<IStateStore> Stores => _stores;

    public IKeyValueStore<TValue> KeyValueStore<TValue>(StateStoreId id) where TValue : class
    {
        var store = new InMemoryKeyValueStore<TValue>(id);
        _stores.Add(store);
        return store;
    }
}
