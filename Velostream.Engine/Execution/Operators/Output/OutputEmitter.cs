using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Formats;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Operators.Output;

/// <summary>
/// The end of every pipeline: applies ORDER BY and LIMIT, encodes the row, lets the observer see
/// (and add to) the headers with the output's lineage, and writes to the sink. With ORDER BY, rows
/// are held and written sorted at each <see cref="FlushSorted"/> (a window closing, the end of
/// bounded input); LIMIT then counts the sorted rows.
/// </summary>
internal sealed class OutputEmitter(
    JobInfo job,
    IRecordEncoder encoder,
    IRecordSink sink,
    JobObserver observer,
    long limit,
    OrderKey[]? orderBy = null)
{
    private readonly OutputLineage _lineage = new();
    private readonly bool _observe = observer.IsActive;
    private readonly List<HeldOutput> _held = [];

    public long Emitted { get; private set; }

    /// <summary>True once LIMIT rows were written: the job can stop reading.</summary>
    public bool Done => Emitted >= limit;

    public bool Sorts => orderBy is { Length: > 0 };

    /// <summary>Writes a stateless output (one input record). Returns whether it was written now (not held for ORDER BY, not past LIMIT).</summary>
    /// <param name="setHeaders">Headers SET_HEADER gave this row: they replace the input's headers of the same names.</param>
    public bool Emit(ReadOnlySpan<SqlValue> row, ReadOnlySpan<byte> key, in SourceRecord input, long timestampMs, RecordHeaders? setHeaders = null)
    {
        if (Emitted >= limit) return false;
        if (Sorts)
        {
            Hold(row, key, WithHeaders(input, setHeaders), null, timestampMs);
            return false;
        }
        var headers = Merge(input.Headers, setHeaders);
        if (_observe)
        {
            _lineage.SetSingle(input);
            headers = observer.OutputProduced(job, sink.Name, _lineage, headers);
        }
        sink.Write(key, encoder.Encode(row), headers, timestampMs);
        Emitted++;
        return true;
    }

    /// <summary>Writes an output of a window, aggregate or join, with its bounded input sample.</summary>
    public bool Emit(ReadOnlySpan<SqlValue> row, ReadOnlySpan<byte> key, LineageSample sample, long timestampMs)
    {
        if (Emitted >= limit) return false;
        if (Sorts)
        {
            Hold(row, key, default, sample, timestampMs);
            return false;
        }
        RecordHeaders? headers = null;
        if (_observe)
        {
            _lineage.SetSample(sample);
            headers = observer.OutputProduced(job, sink.Name, _lineage, null);
        }
        sink.Write(key, encoder.Encode(row), headers, timestampMs);
        Emitted++;
        return true;
    }

    /// <summary>Writes already-encoded bytes (SELECT * passing a JSON object through) for one input record.</summary>
    public bool EmitEncoded(ReadOnlySpan<byte> value, ReadOnlySpan<byte> key, in SourceRecord input, long timestampMs, RecordHeaders? setHeaders = null)
    {
        if (Emitted >= limit) return false;
        var headers = Merge(input.Headers, setHeaders);
        if (_observe)
        {
            _lineage.SetSingle(input);
            headers = observer.OutputProduced(job, sink.Name, _lineage, headers);
        }
        sink.Write(key, value, headers, timestampMs);
        Emitted++;
        return true;
    }

    /// <summary>Writes the held rows in ORDER BY order (stable: ties keep their arrival order). Returns rows written.</summary>
    public int FlushSorted()
    {
        if (_held.Count == 0) return 0;
        var order = orderBy!;
        var sorted = _held.Select((h, i) => (h, i)).ToList();
        sorted.Sort((x, y) =>
        {
            foreach (var k in order)
            {
                var c = SqlComparison.CompareForOrder(x.h.Row[k.Slot], y.h.Row[k.Slot]);
                if (c != 0) return k.Descending ? -c : c;
            }
            return x.i.CompareTo(y.i);
        });
        _held.Clear();
        var written = 0;
        foreach (var (h, _) in sorted)
        {
            if (Emitted >= limit) break;
            RecordHeaders? headers = h.Sample is null ? h.Input.Headers : null;
            if (_observe)
            {
                if (h.Sample is null) _lineage.SetSingle(h.Input);
                else _lineage.SetSample(h.Sample);
                headers = observer.OutputProduced(job, sink.Name, _lineage, headers);
            }
            sink.Write(h.Key, encoder.Encode(h.Row), headers, h.TimestampMs);
            Emitted++;
            written++;
        }
        return written;
    }

    private void Hold(ReadOnlySpan<SqlValue> row, ReadOnlySpan<byte> key, in SourceRecord input, LineageSample? sample, long timestampMs)
    {
        var copy = new SqlValue[row.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = row[i].Detach();
        }
        // The payload is only valid during this batch: keep the metadata, not the bytes.
        var meta = input with { Value = default, Key = input.Key.ToArray() };
        _held.Add(new HeldOutput(copy, key.ToArray(), meta, sample is null ? null : Copy(sample), timestampMs));
    }

    private static SourceRecord WithHeaders(in SourceRecord input, RecordHeaders? setHeaders) =>
        setHeaders is { Count: > 0 } ? input with { Headers = Merge(input.Headers, setHeaders) } : input;

    /// <summary>The input's headers with the set ones replacing same-named headers; the input's own list when nothing is set.</summary>
    private static RecordHeaders? Merge(RecordHeaders? input, RecordHeaders? setHeaders)
    {
        if (setHeaders is not { Count: > 0 }) return input;
        var merged = input is null ? new RecordHeaders() : new RecordHeaders(input);
        foreach (var (name, value) in setHeaders) merged.Set(name, value);
        return merged;
    }

    private static LineageSample Copy(LineageSample sample)
    {
        var copy = new LineageSample(sample.Capacity);
        copy.Merge(sample);
        return copy;
    }

    private sealed record HeldOutput(SqlValue[] Row, byte[] Key, SourceRecord Input, LineageSample? Sample, long TimestampMs);
}
