using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Formats;

/// <summary>
/// Fills one slot per field a query reads, straight from a payload, allocating nothing per record.
/// Text values point into the payload (see <see cref="SqlValue"/>), so the payload memory must be
/// array-backed and the slots are valid only while the payload is. A decoder holds no per-record
/// state: two threads may decode records of one source at once (<see cref="Runtime.ReadAheadSource"/>).
/// </summary>
internal interface IRecordDecoder
{
    /// <summary>The field names, in slot order.</summary>
    IReadOnlyList<string> Fields { get; }

    /// <summary>
    /// Sets every slot (fields absent from the payload are NULL). Returns false with a reason when
    /// the payload is malformed; the slots are then unspecified.
    /// </summary>
    bool TryDecode(ReadOnlyMemory<byte> payload, Span<SqlValue> slots, out DecodeError error);
}
