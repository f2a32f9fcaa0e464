using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Formats.Json;
using Velostream.Engine.Execution.Formats.Keys;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Output;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Operators.Project;

/// <summary>
/// SELECT of a query without aggregation: evaluates the output columns of each row and writes it,
/// keyed by the PRIMARY KEY columns or else by its input record's key. Stateless; the last operator
/// of its chain.
/// </summary>
internal sealed class ProjectOperator : IStreamOperator
{
    private readonly Evaluator[] _project;
    private readonly int[] _primaryKey;
    private readonly OutputEmitter _emitter;
    private readonly SqlValue[] _row;
    private readonly KeyEncoder _keyEncoder = new();
    // SELECT * over one JSON source: the input object is passed through, computed columns appended.
    private readonly JsonObjectSplicer? _splicer;

    public ProjectOperator(Evaluator[] project, int[] primaryKey, OutputEmitter emitter, JsonObjectSplicer? passThrough)
    {
        _project = project;
        _primaryKey = primaryKey;
        _emitter = emitter;
        _row = new SqlValue[project.Length];
        _splicer = passThrough;
    }

    public OperatorResult Push(EvalContext row, LineageSample? inputs)
    {
        var values = _row;
        row.OutputHeaders?.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            var v = _project[i].Eval(row);
            if (v.IsError) return OperatorResult.Failed(v.ErrorMessage);
            values[i] = v;
        }
        var key = _primaryKey.Length > 0 ? _keyEncoder.Encode(values, _primaryKey) : row.Record.Key.Span;
        var timestamp = row.EventTimeMs >= 0 ? row.EventTimeMs : row.Record.TimestampMs;
        bool written;
        if (_splicer is not null)
        {
            written = _emitter.EmitEncoded(_splicer.Splice(row.Record.Value.Span, values), key, row.Record, timestamp, row.OutputHeaders);
        }
        else if (inputs is not null)
        {
            written = _emitter.Emit(values, key, inputs, timestamp);
        }
        else
        {
            written = _emitter.Emit(values, key, row.Record, timestamp, row.OutputHeaders);
        }
        return written ? OperatorResult.Written(1) : OperatorResult.None;
    }

    public OperatorResult AdvanceWatermark(long watermarkMs, EvalContext scratch) => OperatorResult.None;

    public OperatorResult Finish(EvalContext scratch) => OperatorResult.None;

    public void ReportHeld(Dictionary<int, long>[] into)
    {
    }

    public JobStateSize MeasureState(JobStateSize size) => size;
}
