namespace Velostream.Engine.Connectors;

/// <summary>
/// Told by a partitioned source (Kafka) when partitions join or leave it, on the thread that reads it,
/// before any record of a joining partition is handed out and after the last of a leaving one was.
/// The job keeps one operator chain per input partition through it.
/// </summary>
internal interface IPartitionListener
{
    /// <summary>
    /// <paramref name="partitions"/> joined: their state is restored. Answers, per partition, the offset
    /// to read from when the restored state says where it stopped (else the committed offset is used).
    /// </summary>
    IReadOnlyDictionary<int, long> Assigned(IReadOnlyList<int> partitions);

    /// <summary><paramref name="partitions"/> leave: what was read of them is committed, then their state is dropped.</summary>
    void Revoked(IReadOnlyList<int> partitions);
}
