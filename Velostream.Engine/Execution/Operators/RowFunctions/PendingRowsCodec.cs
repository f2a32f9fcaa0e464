using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.State.Codecs;

namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>Rows of one LEAD partition waiting for the rows they read, each with the record it came from (payload, key, headers, position).</summary>
internal sealed class PendingRowsCodec : IStateCodec<PendingRows>
{
    public static readonly PendingRowsCodec Instance = new();

    public byte Version => 1;

    public void Write(PendingRows value, StateWriter writer)
    {
        writer.Long(value.Next);
        writer.UInt((ulong)value.Rows.Count);
        foreach (var row in value.Rows)
        {
            writer.Values(row.Values);
            WriteRecord(row.Record, writer);
            writer.Long(row.SourceIndex);
            writer.Long(row.EventTimeMs);
            writer.Values(row.LeadArguments);
            writer.Long(row.Position);
        }
    }

    public PendingRows Read(StateReader reader, byte[] key)
    {
        var pending = new PendingRows { Next = reader.Long() };
        for (var n = reader.Count(); n > 0; n--)
        {
            var values = reader.Values();
            var record = ReadRecord(reader);
            var source = (int)reader.Long();
            var eventTime = reader.Long();
            pending.Rows.Add(new HeldRow(values, record, source, eventTime, reader.Values(), reader.Long()));
        }
        return pending;
    }

    private static void WriteRecord(in SourceRecord record, StateWriter writer)
    {
        writer.Bytes(record.Value.Span);
        writer.Bytes(record.Key.Span);
        writer.String(record.Topic);
        writer.Long(record.Partition);
        writer.Long(record.Offset);
        writer.Long(record.TimestampMs);
        writer.UInt(record.Headers is null ? 0 : (ulong)record.Headers.Count + 1);
        foreach (var (name, value) in record.Headers ?? [])
        {
            writer.String(name);
            writer.Bytes(value);
        }
    }

    private static SourceRecord ReadRecord(StateReader reader)
    {
        var record = new SourceRecord
        {
            Value = reader.Bytes(),
            Key = reader.Bytes(),
            Topic = reader.String(),
            Partition = (int)reader.Long(),
            Offset = reader.Long(),
            TimestampMs = reader.Long(),
        };
        var headers = reader.UInt();
        if (headers > 0)
        {
            record.Headers = [];
            for (var i = 1UL; i < headers; i++)
            {
                record.Headers.Add(new(reader.String() ?? string.Empty, reader.Bytes()));
            }
        }
        return record;
    }
}
