namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>
/// The store key arrays of groups whose window was dropped (deleted from the store, which then keeps
/// no reference to them), by length, for new groups' keys of the same length: a steady stream of
/// windows then allocates no keys. Bounded: what a burst of keys left behind beyond that is let go.
/// </summary>
internal sealed class StoreKeyPool
{
    private const int MaxKept = 16_384;
    private readonly Dictionary<int, Stack<byte[]>> _byLength = [];
    private int _kept;

    /// <summary>An array holding <paramref name="key"/>'s bytes, for the store to keep: a returned one of its length when there is one.</summary>
    public byte[] Copy(ReadOnlySpan<byte> key)
    {
        if (_kept > 0 && _byLength.TryGetValue(key.Length, out var spare) && spare.TryPop(out var array))
        {
            _kept--;
            key.CopyTo(array);
            return array;
        }
        return key.ToArray();
    }

    /// <summary>Takes back a key array nothing refers to any more.</summary>
    public void Return(byte[] key)
    {
        if (_kept >= MaxKept) return;
        if (!_byLength.TryGetValue(key.Length, out var spare))
        {
            _byLength[key.Length] = spare = new Stack<byte[]>();
        }
        spare.Push(key);
        _kept++;
    }
}
