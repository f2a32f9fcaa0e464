using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Aggregation;
using Velostream.Engine.Execution.Output;
using Velostream.Engine.Execution.RowFunctions;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators;

/// <summary>
/// What happens to one (possibly joined) input row: WHERE, then either the aggregation or the
/// projection straight to the output. Returns rows written, -1 on an evaluation error
/// (<see cref="Error"/>) or -2 when an aggregation found the row late.
/// </summary>
internal sealed class RowPipeline
{
    private readonly Evaluator? _where;
    private readonly GroupAggregator? _aggregator;
    private readonly Evaluator[] _project;
    private readonly int[] _primaryKey;
    private readonly OutputEmitter _emitter;
    private readonly SqlValue[] _row;
    private readonly KeyEncoder _keyEncoder = new();
    // SELECT * over one JSON source: the input object is passed through, computed columns appended.
    private readonly bool _passThroughJson;
    private readonly JsonObjectSplicer? _splicer;

    private readonly RowFunctionOperator? _rowFunctions;
    private readonly Func<EvalContext, int> _projectAndEmit;

    public RowPipeline(Evaluator? where, GroupAggregator? aggregator, Evaluator[] project, int[] primaryKey,
        OutputEmitter emitter, JsonObjectSplicer? passThrough, RowFunctionOperator? rowFunctions = null)
    {
        _rowFunctions = rowFunctions;
        _projectAndEmit = ctx => Project(ctx, null);
        _where = where;
        _aggregator = aggregator;
        _project = project;
        _primaryKey = primaryKey;
        _emitter = emitter;
        _row = new SqlValue[project.Length];
        _splicer = passThrough;
        _passThroughJson = passThrough is not null;
    }

    public string? Error { get; private set; }

    public GroupAggregator? Aggregator => _aggregator;

    public int Push(EvalContext ctx, LineageSample? inputs)
    {
        if (_where is not null)
        {
            var w = _where.Eval(ctx);
            if (w.Kind != ValueKind.Boolean)
            {
                if (w.IsError) return Fail("WHERE: " + w.ErrorMessage);
                if (!w.IsNull) return Fail($"WHERE needs a BOOLEAN, got {SqlArithmetic.Name(w.Kind)}");
                return 0;
            }
            if (!w.AsBool) return 0;
        }
        if (_aggregator is not null)
        {
            var r = _aggregator.Accept(ctx, inputs);
            if (r == -1) Error = _aggregator.Error;
            return r;
        }
        if (_rowFunctions is not null)
        {
            if (!_rowFunctions.Accept(ctx, _projectAndEmit, out var released)) return Fail(_rowFunctions.Error!);
            return _rowFunctions.HoldsRows ? released : Project(ctx, inputs);
        }
        return Project(ctx, inputs);
    }

    /// <summary>Lowers <paramref name="into"/> (per source: partition → offset) to what open windows and rows waiting for LEAD hold.</summary>
    public void LowerHeld(Dictionary<int, long>[] into)
    {
        _aggregator?.LowerHeld(into);
        _rowFunctions?.LowerHeld(into);
    }

    /// <summary>End of input: rows held for LEAD leave with its defaults.</summary>
    public int Finish(EvalContext ctx) => _rowFunctions?.Finish(ctx, _projectAndEmit) ?? 0;

    private int Project(EvalContext ctx, LineageSample? inputs)
    {
        var row = _row;
        for (var i = 0; i < row.Length; i++)
        {
            var v = _project[i].Eval(ctx);
            if (v.IsError) return Fail(v.ErrorMessage);
            row[i] = v;
        }
        var key = _primaryKey.Length > 0 ? _keyEncoder.Encode(row, _primaryKey) : ctx.Record.Key.Span;
        var timestamp = ctx.EventTimeMs >= 0 ? ctx.EventTimeMs : ctx.Record.TimestampMs;
        if (_passThroughJson)
        {
            return _emitter.EmitEncoded(_splicer!.Splice(ctx.Record.Value.Span, row), key, ctx.Record, timestamp) ? 1 : 0;
        }
        if (inputs is not null)
        {
            return _emitter.Emit(row, key, inputs, timestamp) ? 1 : 0;
        }
        return _emitter.Emit(row, key, ctx.Record, timestamp) ? 1 : 0;
    }

    private int Fail(string message)
    {
        Error = message;
        return -1;
    }
}
