
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

    public IKeyValueStore<TValue> KeyValueStore<TValue>(StateStoreId id) where TValue : class
    {
        if (_stores.Find(s => s.Id == id) is { } open)
        {
            return open as IKeyValueStore<TValue>
                ?? throw new InvalidOperationException($"state store {id} holds {open.GetType().Name}, not {typeof(TValue).Name}");
        }
        var store = new InMemoryKeyValueStore<TValue>(id);
        _stores.Add(store);
        return store;
    }
}
