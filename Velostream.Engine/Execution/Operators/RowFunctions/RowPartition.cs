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
}
