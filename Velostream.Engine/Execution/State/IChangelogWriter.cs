namespace Velostream.Engine.Execution.State;

/// <summary>
/// Where a changelog-backed store sends the keys it changed since the last flush: the job's own Kafka
/// producer, so that with exactly-once on, changelog records commit in the same transaction as the
/// job's outputs, dead letters and source offsets. A null value is a tombstone (the key was deleted).
/// Records are acknowledged when the job flushes its producer, before the sources are committed.
/// </summary>
internal interface IChangelogWriter
{
    void Write(string topic, int partition, byte[] key, byte[]? value);
}
