using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Joins;

/// <summary>One side's row held by an interval join until the watermark passes its last possible partner.</summary>
internal sealed class BufferedRow(SqlValue[] values, long timeMs, long expiresAfterMs, InputSample input, byte[] key)
{
    public readonly SqlValue[] Values = values;
    public readonly long TimeMs = timeMs;
    public readonly long ExpiresAfterMs = expiresAfterMs;
    public readonly InputSample Input = input;
    public readonly byte[] Key = key;
    public bool Matched;
    public bool Dead;
}
