
namespace Velostream.Engine.Execution.Values;

/// <summary>The runtime type of a <see cref="SqlValue"/>.</summary>
internal enum ValueKind : byte
{
    Null,
    Boolean,
    BigInt,
    Double,
    /// <summary>Exact decimal (System.Decimal, scale kept: 1.50 stays 1.50).</summary>
    Decimal,
    /// <summary>UTF-8 text, held as a slice of a byte array so decoding never builds strings.</summary>
    Varchar,
    /// <summary>Epoch milliseconds, UTC.</summary>
    Timestamp,
    /// <summary>A duration in milliseconds.</summary>
    Interval,
    /// <summary>
    /// An evaluation failure (division by zero, a type mismatch) carried as a value so the hot path
    /// never throws; the job's record-failure path reports it.
    /// </summary>
    Error,
}
