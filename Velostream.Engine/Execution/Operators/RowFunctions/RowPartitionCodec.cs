using Velostream.Engine.Execution.State.Codecs;

namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>LAG's memory of one partition: the ring's capacity, the rows pushed so far and the ring's values.</summary>
internal sealed class RowPartitionCodec : IStateCodec<RowPartition>
{
    public static readonly RowPartitionCodec Instance = new();

    public byte Version => 1;

    public void Write(RowPartition value, StateWriter writer) => value.Write(writer);

    public RowPartition Read(StateReader reader, byte[] key) => RowPartition.Read(reader);
}
