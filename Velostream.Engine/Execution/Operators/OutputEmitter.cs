using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Output;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators;

/// <summary>
/// The end of every pipeline: applies LIMIT, encodes the row, lets the observer see (and add to)
/// the headers with the output's lineage, and writes to the sink.
/// </summary>
internal sealed class OutputEmitter(
    JobInfo job,
    IRecordEncoder encoder,
    IRecordSink sink,
    JobObserver observer,
    long limit)
{
    private readonly OutputLineage _lineage = new();
    private readonly bool _observe = observer.IsActive;

    public long Emitted { get; private set; }

    /// <summary>True once LIMIT rows were written: the job can stop reading.</summary>
    public bool Done => Emitted >= limit;

    public IRecordEncoder Encoder => encoder;

    /// <summary>Writes a stateless output (one input record). Returns false when LIMIT is reached.</summary>
    public bool Emit(ReadOnlySpan<SqlValue> row, ReadOnlySpan<byte> key, in SourceRecord input, long timestampMs)
    {
        if (Emitted >= limit) return false;
        var headers = input.Headers;
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
    public bool EmitEncoded(ReadOnlySpan<byte> value, ReadOnlySpan<byte> key, in SourceRecord input, long timestampMs)
    {
        if (Emitted >= limit) return false;
        var headers = input.Headers;
        if (_observe)
        {
            _lineage.SetSingle(input);
            headers = observer.OutputProduced(job, sink.Name, _lineage, headers);
        }
        sink.Write(key, value, headers, timestampMs);
        Emitted++;
        return true;
    }
}
