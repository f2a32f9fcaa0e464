using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Formats;

/// <summary>Why a payload could not be decoded, and where (byte offset, or 1-based CSV column; -1 when unknown).</summary>
internal readonly record struct DecodeError(string Reason, long ByteOffset = -1, int Column = -1)
{
    public override string ToString() =>
        Column > 0 ? $"{Reason} (column {Column})"
        : ByteOffset >= 0 ? $"{Reason} (at byte {ByteOffset})"
        : Reason;
}
