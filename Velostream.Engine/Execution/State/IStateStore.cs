
namespace Velostream.Engine.Execution.State;

/// <summary>
/// The life cycle every state store shares, whatever keeps it (Kafka Streams' <c>StateStore</c>):
/// opened for one operator and input partition, flushed at each commit, closed when its partition
/// leaves the job. The in-memory store keeps nothing beyond the process; a changelog-backed store
/// writes the keys changed since the last flush to a compacted topic and is restored from it
/// before its partition is processed again.
/// </summary>
internal interface IStateStore
{
    StateStoreId Id { get; }

    /// <summary>A commit point: makes every change so far durable (the job commits its sources after).</summary>
    void Flush();

    /// <summary>The partition left the job (revoked, or the job stopped): the state is dropped from memory.</summary>
    void Close();
}
