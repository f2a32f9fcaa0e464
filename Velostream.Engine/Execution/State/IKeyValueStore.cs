using System.Diagnostics.CodeAnalysis;

namespace Velostream.Engine.Execution.State;

/// <summary>
/// Keyed state of one operator and input partition: values under the bytes of their keys (a
/// <c>SqlKeyWriter</c> encoding), looked up from a span without allocating. Values are the
/// operator's own objects and are changed in place; an operator that changes one says so by
/// reading it with <see cref="TryUpdate"/> (or putting it), so that a durable store knows which
/// keys to write at the next <see cref="IStateStore.Flush"/> without a second lookup per record.
/// </summary>
internal interface IKeyValueStore<TValue> : IStateStore where TValue : class
{
    int Count { get; }

    /// <summary>The value under <paramref name="key"/>, to be read only.</summary>
    bool TryRead(ReadOnlySpan<byte> key, [MaybeNullWhen(false)] out TValue value);

    /// <summary>The value under <paramref name="key"/>, which the caller is about to change: the key counts as changed.</summary>
    bool TryUpdate(ReadOnlySpan<byte> key, [MaybeNullWhen(false)] out TValue value);

    /// <summary>Adds or replaces the value under <paramref name="key"/> (copied when new).</summary>
    void Put(ReadOnlySpan<byte> key, TValue value);

    /// <summary>Adds or replaces the value under <paramref name="key"/>, an array the store may keep (the caller no longer changes it).</summary>
    void Put(byte[] key, TValue value);

    /// <summary>Removes <paramref name="key"/>; false when it was not there. The store then holds neither the value nor any array it was given for the key.</summary>
    bool Delete(ReadOnlySpan<byte> key);

    /// <summary>Every entry (for restoring an operator's indexes, and for tests).</summary>
    IEnumerable<KeyValuePair<byte[], TValue>> All();
}
