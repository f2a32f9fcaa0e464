using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.State.Codecs;

namespace Velostream.Engine.Execution.Runtime;

/// <summary>
/// What the first stage of a repartitioned job writes into every partition of the internal topic, after
/// the records it covers: per source partition it reads, the latest event time it forwarded (or that the
/// partition is idle), and how many partitions the source has. It carries the header
/// <c>velostream.watermark</c> (its value: the format's version) and a binary value (version, source
/// partition count, then per partition its number, latest event time and idle flag); it has no key and,
/// unlike the records forwarded, no source position (an input record with such a header stays a row). The
/// stateful stage takes it out of the stream before decoding (<see cref="TryRead"/>), so it is never a row.
/// </summary>
internal static class WatermarkRecord
{
    public const string Header = "velostream.watermark";

    private const byte Version = 1;
    private static readonly byte[] HeaderValue = [Version];

    /// <summary>One source partition's progress: the latest event time read from it, or <paramref name="Idle"/>.</summary>
    public readonly record struct Entry(int Partition, long EventTimeMs, bool Idle);

    /// <summary>The headers every watermark record carries (shared: the sink copies them).</summary>
    public static RecordHeaders Headers() => new() { new(Header, HeaderValue) };

    public static byte[] Encode(int sourcePartitions, IReadOnlyCollection<Entry> entries, StateWriter writer)
    {
        writer.Reset();
        writer.Byte(Version);
        writer.UInt((ulong)sourcePartitions);
        writer.UInt((ulong)entries.Count);
        foreach (var entry in entries)
        {
            writer.UInt((ulong)entry.Partition);
            writer.Long(entry.EventTimeMs);
            writer.Bool(entry.Idle);
        }
        return writer.Written.ToArray();
    }

    /// <summary>
    /// Whether <paramref name="record"/> is a watermark record; if so, its entries are added to
    /// <paramref name="entries"/> and the source's partition count is returned in <paramref name="sourcePartitions"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">A watermark record of another version or malformed.</exception>
    public static bool TryRead(in SourceRecord record, List<Entry> entries, out int sourcePartitions)
    {
        sourcePartitions = 0;
        // Records the first stage forwards carry their source position (and whatever headers their input had).
        if (record.Headers?.GetLast(Header) is not { } version || record.Headers.GetLast(SourcePositionHeaders.Partition) is not null) return false;
        var reader = new StateReader(record.Value);
        if (version is not [Version] || reader.Byte() != Version)
        {
            throw new InvalidDataException($"watermark record at offset {record.Offset} of partition {record.Partition} is of an unknown version");
        }
        sourcePartitions = checked((int)reader.UInt());
        var count = reader.Count();
        for (var i = 0; i < count; i++)
        {
            entries.Add(new Entry(checked((int)reader.UInt()), reader.Long(), reader.Bool()));
        }
        return true;
    }
}
