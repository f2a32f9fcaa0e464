namespace Velostream.Engine.Execution.Operators.Aggregation;

/// <summary>One open session window of one key: from its first record to its last record plus the gap.</summary>
internal sealed class Session(long start, long end, GroupState state, byte[] key)
{
    public long Start = start;
    public long End = end;
    public GroupState State = state;
    public readonly byte[] Key = key;
    public bool Closed;
}
