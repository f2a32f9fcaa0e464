using System.Text;

namespace Velostream.Engine.Execution.State;

/// <summary>
/// One partition of one operator's changelog topic, as its stores write to it. A record's key is the
/// store's name (length-prefixed UTF-8, so an operator's several stores share the topic) followed by
/// the key in the store; its value is the store's codec output, or null (a tombstone) for a deleted key.
/// </summary>
internal sealed class ChangelogTarget(IChangelogWriter writer, string topic, int partition)
{
    /// <summary>The store name of the record that says which input positions the partition's state includes.</summary>
    public const string PositionsStore = "__positions";

    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    public void Write(string store, ReadOnlySpan<byte> key, byte[]? value) => writer.Write(Topic, Partition, RecordKey(store, key), value);

    public static byte[] RecordKey(string store, ReadOnlySpan<byte> key)
    {
        var name = Encoding.UTF8.GetBytes(store);
        if (name.Length > 127) throw new InvalidOperationException($"state store name '{store}' is too long");
        var record = new byte[1 + name.Length + key.Length];
        record[0] = (byte)name.Length;
        name.CopyTo(record, 1);
        key.CopyTo(record.AsSpan(1 + name.Length));
        return record;
    }

    /// <summary>Splits a record key into the store's name and the key in that store.</summary>
    public static (string Store, byte[] Key) Split(byte[] recordKey)
    {
        if (recordKey.Length == 0 || recordKey[0] >= recordKey.Length)
        {
            throw new InvalidDataException("changelog record key without a store name");
        }
        var length = recordKey[0];
        return (Encoding.UTF8.GetString(recordKey, 1, length), recordKey[(1 + length)..]);
    }
}
