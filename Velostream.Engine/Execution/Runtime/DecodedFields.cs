using Velostream.Engine.Execution.Formats;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Runtime;

/// <summary>
/// The fields of the first <see cref="Count"/> records of a batch, decoded ahead of the executor (by
/// <see cref="ReadAheadSource"/> on its own thread): per record its slots, or the reason it failed to
/// decode. The executor decodes the records past <see cref="Count"/> itself. Text slots point into the
/// batch's payloads, so they are valid exactly as long as the records are. Reused from batch to batch.
/// </summary>
internal sealed class DecodedFields(int slotCount)
{
    private SqlValue[] _slots = [];
    private DecodeError?[] _errors = [];

    /// <summary>Records decoded ahead, from the first (0: the executor decodes the whole batch itself).</summary>
    public int Count { get; private set; }

    public int SlotCount { get; } = slotCount;

    /// <summary>Decodes the first <paramref name="count"/> records of <paramref name="records"/> with <paramref name="decoder"/>, replacing what was held.</summary>
    public void Decode(IRecordDecoder decoder, ReadOnlySpan<Connectors.SourceRecord> records, int count)
    {
        Count = 0;
        // Room for the whole batch at once: the share decoded ahead changes from batch to batch, and
        // growing with it would allocate again every time it grows.
        if (_errors.Length < records.Length)
        {
            _errors = new DecodeError?[records.Length];
            _slots = new SqlValue[records.Length * SlotCount];
        }
        records = records[..count];
        for (var i = 0; i < records.Length; i++)
        {
            var slots = _slots.AsSpan(i * SlotCount, SlotCount);
            _errors[i] = decoder.TryDecode(records[i].Value, slots, out var error) ? null : error;
        }
        Count = records.Length;
    }

    /// <summary>Record <paramref name="index"/>'s fields into <paramref name="slots"/>, as <see cref="IRecordDecoder.TryDecode"/> would have left them.</summary>
    public bool TryGet(int index, Span<SqlValue> slots, out DecodeError error)
    {
        if (_errors[index] is { } failed)
        {
            error = failed;
            return false;
        }
        _slots.AsSpan(index * SlotCount, SlotCount).CopyTo(slots);
        error = default;
        return true;
    }

    /// <summary>Forgets the decoded records (their text slots would point at payloads about to be reused).</summary>
    public void Clear()
    {
        Array.Clear(_slots, 0, Count * SlotCount);
        Count = 0;
    }
}
