using System.Buffers.Binary;
using Velostream.Engine.Connectors;

namespace Velostream.Engine.Execution.Runtime;

/// <summary>
/// Where a record of a repartitioned job came from, as the first stage writes it into the internal
/// topic: <c>velostream.source.partition</c> (4 bytes) and <c>velostream.source.offset</c> (8 bytes),
/// big-endian, next to the record's own headers (trace context untouched). The stateful stage reads and
/// removes them (<see cref="Take"/>) so they never reach the job's output.
/// </summary>
internal static class SourcePositionHeaders
{
    public const string Partition = "velostream.source.partition";
    public const string Offset = "velostream.source.offset";

    /// <summary>A copy of <paramref name="record"/>'s headers with its partition and offset added.</summary>
    public static RecordHeaders Stamp(in SourceRecord record)
    {
        var headers = record.Headers is { } own ? new RecordHeaders(own) : new RecordHeaders();
        var partition = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(partition, record.Partition);
        var offset = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(offset, record.Offset);
        headers.Set(Partition, partition);
        headers.Set(Offset, offset);
        return headers;
    }

    /// <summary>
    /// The source position in <paramref name="headers"/>, which loses both headers (null when nothing else
    /// is left); false, headers unchanged, when the record carries no well-formed position.
    /// </summary>
    public static bool Take(ref RecordHeaders? headers, out int partition, out long offset)
    {
        partition = 0;
        offset = 0;
        if (headers?.GetLast(Partition) is not { Length: 4 } p || headers.GetLast(Offset) is not { Length: 8 } o) return false;
        partition = BinaryPrimitives.ReadInt32BigEndian(p);
        offset = BinaryPrimitives.ReadInt64BigEndian(o);
        headers.Remove(Partition);
        headers.Remove(Offset);
        if (headers.Count == 0) headers = null;
        return true;
    }
}
