using System.Diagnostics.CodeAnalysis;
using Velostream.Engine.Execution.Formats.Keys;

namespace Velostream.Engine.Execution.State;

/// <summary>State in this process's memory only: lost when the process stops (a restarted job replays what it holds, see <c>docs/kafka.md</c>).</summary>
internal sealed class InMemoryKeyValueStore<TValue> : IKeyValueStore<TValue> where TValue : class
{
    private readonly Dictionary<byte[], TValue> _entries = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], TValue>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public InMemoryKeyValueStore(StateStoreId id)
    {
        Id = id;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public StateStoreId Id { get; }

    public int Count => _entries.Count;

    public bool TryRead(ReadOnlySpan<byte> key, [MaybeNullWhen(false)] out TValue value) => _lookup.TryGetValue(key, out value);

    public bool TryUpdate(ReadOnlySpan<byte> key, [MaybeNullWhen(false)] out TValue value) => _lookup.TryGetValue(key, out value);

    public void Put(ReadOnlySpan<byte> key, TValue value) => _lookup[key] = value;

    public void Put(byte[] key, TValue value) => _entries[key] = value;

    public bool Delete(ReadOnlySpan<byte> key) => _lookup.Remove(key);

    public IEnumerable<KeyValuePair<byte[], TValue>> All() => _entries;

    public void Flush()
    {
    }

    public void Close() => _entries.Clear();
}
