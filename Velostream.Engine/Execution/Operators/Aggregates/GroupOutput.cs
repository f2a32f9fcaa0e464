using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Formats.Keys;
using Velostream.Engine.Execution.Operators.Output;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates;

/// <summary>
/// The output stage of a GROUP BY: a group's row is [group keys..., aggregate results...] plus its
/// window's bounds; HAVING keeps it or not, the SELECT items make the output row, which is written
/// keyed by the PRIMARY KEY columns, else the group key. Output rows that fail to evaluate are
/// collected and handed back with the result of the operator call that emitted them.
/// </summary>
internal sealed class GroupOutput
{
    private readonly Evaluator? _having;
    private readonly Evaluator[] _outputs;
    private readonly int[] _primaryKey;
    private readonly int[] _groupKeySlots;
    private readonly OutputEmitter _emitter;
    private readonly SqlValue[] _outRow;
    private readonly EvalContext _out;
    private readonly KeyEncoder _keyEncoder = new();
    private List<string>? _errors;

    public GroupOutput(int keyCount, int aggregateCount, Evaluator? having, Evaluator[] outputs, int[] primaryKey, OutputEmitter emitter)
    {
        _having = having;
        _outputs = outputs;
        _primaryKey = primaryKey;
        _groupKeySlots = [.. Enumerable.Range(0, keyCount)];
        _emitter = emitter;
        _outRow = new SqlValue[outputs.Length];
        _out = new EvalContext(keyCount + aggregateCount);
    }

    /// <summary>Writes the row of <paramref name="group"/> (window bounds -1 without a window). Returns rows written (0 or 1).</summary>
    public int Emit(GroupState group, long windowStart, long windowEnd)
    {
        var values = _out.Values;
        var k = group.Keys.Length;
        group.Keys.CopyTo(values, 0);
        for (var i = 0; i < group.States.Length; i++)
        {
            values[k + i] = group.States[i].Result();
        }
        _out.WindowStartMs = windowStart;
        _out.WindowEndMs = windowEnd;
        _out.EventTimeMs = windowEnd >= 0 ? windowEnd - 1 : group.LastEventTimeMs;
        if (_having is not null)
        {
            var h = _having.Eval(_out);
            if (h.IsError)
            {
                Failed("HAVING: " + h.ErrorMessage);
                return 0;
            }
            if (!SqlLogic.IsTrue(h)) return 0;
        }
        for (var i = 0; i < _outputs.Length; i++)
        {
            var v = _outputs[i].Eval(_out);
            if (v.IsError)
            {
                Failed(v.ErrorMessage);
                return 0;
            }
            _outRow[i] = v;
        }
        var key = _primaryKey.Length > 0
            ? _keyEncoder.Encode(_outRow, _primaryKey)
            : k > 0 ? _keyEncoder.Encode(group.Keys, _groupKeySlots) : default;
        return _emitter.Emit(_outRow, key, group.Sample, _out.EventTimeMs) ? 1 : 0;
    }

    /// <summary>What is emitted together is complete (a window closed, the input ended): rows held for ORDER BY are written.</summary>
    public int Flush() => _emitter.Sorts ? _emitter.FlushSorted() : 0;

    /// <summary><paramref name="outputs"/> rows written, with the output rows that failed since the last call.</summary>
    public OperatorResult Result(int outputs)
    {
        var errors = _errors;
        _errors = null;
        return OperatorResult.Written(outputs, errors);
    }

    private void Failed(string reason) => (_errors ??= []).Add(reason);
}
