namespace Velostream.Engine.Execution.State;

/// <summary>Reads one partition of a changelog topic from its start to its end, as it is when reading starts (restoring a store).</summary>
internal interface IChangelogReader
{
    /// <summary>Every record of <paramref name="topic"/>[<paramref name="partition"/>] in offset order; a null value is a tombstone.</summary>
    IEnumerable<(byte[] Key, byte[]? Value)> ReadToEnd(string topic, int partition);
}
