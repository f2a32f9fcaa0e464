namespace Velostream.Engine.Execution.State.Codecs;

/// <summary>The framing every changelog value shares: the codec's version byte, then its body.</summary>
internal static class StateCodec
{
    public static ReadOnlySpan<byte> Encode<TValue>(IStateCodec<TValue> codec, TValue value, StateWriter writer) where TValue : class
    {
        writer.Reset();
        writer.Byte(codec.Version);
        codec.Write(value, writer);
        return writer.Written;
    }

    public static TValue Decode<TValue>(IStateCodec<TValue> codec, ReadOnlyMemory<byte> data, byte[] key) where TValue : class
    {
        var reader = new StateReader(data);
        var version = reader.Byte();
        if (version != codec.Version)
        {
            throw new InvalidDataException($"state record of version {version}, but {codec.GetType().Name} reads version {codec.Version}: "
                + "this state was written by another engine version (see docs/kafka.md, upgrading)");
        }
        var value = codec.Read(reader, key);
        return reader.AtEnd ? value : throw new InvalidDataException($"state record: {codec.GetType().Name} left bytes unread");
    }
}
