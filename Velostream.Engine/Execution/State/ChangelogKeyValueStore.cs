using System.Diagnostics.CodeAnalysis;
using Velostream.Engine.Execution.Formats.Keys;
using Velostream.Engine.Execution.State.Codecs;

namespace Velostream.Engine.Execution.State;

/// <summary>
/// A store kept in memory and backed by one partition of its operator's changelog topic: the keys
/// changed since the last <see cref="Flush"/> (read for update, put or deleted) are written there at the
/// next flush, each as its latest value or a tombstone, so the topic compacts to the store's content.
/// </summary>
internal sealed class ChangelogKeyValueStore<TValue> : IKeyValueStore<TValue> where TValue : class
{
    private readonly InMemoryKeyValueStore<TValue> _values;
    private readonly HashSet<byte[]> _changed = new(ByteKeyComparer.Instance);
    private readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> _changedLookup;
    private readonly ChangelogTarget _target;
    private readonly IStateCodec<TValue> _codec;
    private readonly StateWriter _writer = new();

    public ChangelogKeyValueStore(StateStoreId id, ChangelogTarget target, IStateCodec<TValue> codec)
    {
        _values = new InMemoryKeyValueStore<TValue>(id);
        _changedLookup = _changed.GetAlternateLookup<ReadOnlySpan<byte>>();
        _target = target;
        _codec = codec;
    }

    public StateStoreId Id => _values.Id;

    public int Count => _values.Count;

    /// <summary>Keys changed since the last flush (for tests and metrics).</summary>
    public int Changed => _changed.Count;

    public bool TryRead(ReadOnlySpan<byte> key, [MaybeNullWhen(false)] out TValue value) => _values.TryRead(key, out value);

    public bool TryUpdate(ReadOnlySpan<byte> key, [MaybeNullWhen(false)] out TValue value)
    {
        if (!_values.TryUpdate(key, out value)) return false;
        _changedLookup.Add(key);
        return true;
    }

    public void Put(ReadOnlySpan<byte> key, TValue value)
    {
        _values.Put(key, value);
        _changedLookup.Add(key);
    }

    public void Put(byte[] key, TValue value)
    {
        _values.Put(key, value);
        _changed.Add(key);
    }

    public bool Delete(ReadOnlySpan<byte> key)
    {
        if (!_values.Delete(key)) return false;
        // The tombstone waiting for the flush keeps a key of its own: the caller may reuse its array once the key is deleted.
        _changedLookup.Remove(key);
        _changed.Add(key.ToArray());
        return true;
    }

    public IEnumerable<KeyValuePair<byte[], TValue>> All() => _values.All();

    /// <summary>Puts a restored value, without marking it changed.</summary>
    public void Restore(byte[] key, ReadOnlyMemory<byte> value) => _values.Put(key, StateCodec.Decode(_codec, value, key));

    /// <summary>The next flush writes <paramref name="key"/> as the store holds it (its value, or a tombstone), changed or not.</summary>
    public void MarkChanged(byte[] key) => _changed.Add(key);

    public void Flush()
    {
        foreach (var key in _changed)
        {
            _target.Write(Id.Store, key, _values.TryRead(key, out var value) ? StateCodec.Encode(_codec, value, _writer).ToArray() : null);
        }
        _changed.Clear();
    }

    public void Close()
    {
        _values.Close();
        _changed.Clear();
    }
}
