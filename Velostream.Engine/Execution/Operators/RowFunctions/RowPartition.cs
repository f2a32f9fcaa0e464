using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>The last values of one LAG partition, in a ring of the function's buffer size.</summary>
internal sealed class RowPartition(int capacity)
{
    private readonly SqlValue[] _ring = new SqlValue[Math.Max(1, capacity)];
    private long _count;

    public void Push(SqlValue value) => _ring[_count++ % _ring.Length] = value;

    public bool TryBack(int offset, out SqlValue value)
    {
        if (offset < 1 || offset > _count || offset > _ring.Length)
        {
            value = default;
            return false;
        }
        value = _ring[(_count - offset) % _ring.Length];
        return true;
    }

    /// <summary>For a changelog (<see cref="RowPartitionCodec"/>): capacity, rows pushed, the ring.</summary>
    public void Write(StateWriter writer)
    {
        writer.Long(_count);
        writer.Values(_ring);
    }

    public static RowPartition Read(StateReader reader)
    {
        var count = reader.Long();
        var ring = reader.Values();
        var partition = new RowPartition(ring.Length) { _count = count };
        ring.CopyTo(partition._ring, 0);
        return partition;
    }
}
