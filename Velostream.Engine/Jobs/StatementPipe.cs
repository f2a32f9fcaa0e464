using System.Threading.Channels;
using Velostream.Engine.Connectors;

namespace Velostream.Engine.Jobs;

/// <summary>
/// One statement's output passed in process to a statement that reads it. A stream passes each record
/// on as it is written; a table (an aggregate without a window, whose rows replace the earlier rows
/// of their key) keeps the last row per key and passes the table on when its producer finishes, as
/// Velostream materialises a CREATE TABLE. The channel is unbounded: the producer never waits for a
/// reader that has not started (or will not).
/// </summary>
internal sealed class StatementPipe(string producer, bool table, int writers)
{
    private readonly Channel<PipedRecord> _channel = Channel.CreateUnbounded<PipedRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, PipedRecord>? _table = table ? new(StringComparer.Ordinal) : null;
    private int _writers = writers;
    private volatile bool _abandoned;

    /// <summary>The statement (its target name) whose output this is.</summary>
    public string Producer { get; } = producer;

    public bool IsTable => _table is not null;

    public ChannelReader<PipedRecord> Reader => _channel.Reader;

    public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs)
    {
        if (_abandoned) return;
        var record = new PipedRecord(key.ToArray(), value.ToArray(), headers is null ? null : new RecordHeaders(headers), timestampMs);
        if (_table is null)
        {
            _channel.Writer.TryWrite(record);
            return;
        }
        lock (_table)
        {
            // A key seen before keeps its place: the table is passed on in first-written order.
            _table[Convert.ToHexString(record.Key)] = record;
        }
    }

    /// <summary>One writer (a SELECT of the producer) is done; the last one ends the pipe, with the producer's error if it failed.</summary>
    public void WriterDone(string? failure)
    {
        if (Interlocked.Decrement(ref _writers) > 0) return;
        if (_table is not null && failure is null)
        {
            lock (_table)
            {
                foreach (var row in _table.Values) _channel.Writer.TryWrite(row);
            }
        }
        _channel.Writer.TryComplete(failure is null ? null : new ConnectorException($"'{Producer}': the statement producing it failed: {failure}"));
    }

    /// <summary>The reader is gone (its job ended): what is still written is dropped.</summary>
    public void Abandon() => _abandoned = true;
}

/// <summary>A record in a <see cref="StatementPipe"/>: the producer's encoded output, with its headers (trace context) and event time.</summary>
internal sealed record PipedRecord(byte[] Key, byte[] Value, RecordHeaders? Headers, long TimestampMs);
