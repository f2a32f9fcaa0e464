using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Formats.Keys;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Aggregates.States;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Operators.Aggregates;

/// <summary>
/// The input side of a GROUP BY: evaluates a row's group key and aggregate arguments (failing the
/// record before any state changes), makes new groups and folds the row into a group. Windows
/// decide which groups a row belongs to; this decides what folding it in means.
/// </summary>
internal sealed class GroupFolder
{
    private readonly Evaluator[] _keys;
    private readonly AggregateSpec[] _aggregates;
    private readonly int _sampleSize;
    private readonly JobObserver _observer;
    private readonly SqlValue[] _keyValues;
    private readonly bool[] _needsNumber;
    private readonly SqlValue[] _args;
    private readonly SqlValue[] _seconds;
    private readonly SqlKeyWriter _keyWriter = new();
    // The input slot each key and argument reads when it is a bare column (-1 otherwise): read in place, not evaluated and copied.
    private readonly int[] _keySlots;
    private readonly int[] _argSlots;
    private long _sequence;
    // Groups of closed windows, reset and reused for new ones (at most MaxSpare: what a burst of keys left behind is let go).
    private readonly Stack<GroupState> _spare = new();
    private const int MaxSpare = 16_384;

    public GroupFolder(Evaluator[] keys, AggregateSpec[] aggregates, int sampleSize, JobObserver observer)
    {
        _observer = observer;
        _keys = keys;
        _aggregates = aggregates;
        _sampleSize = sampleSize;
        _keyValues = new SqlValue[keys.Length];
        _needsNumber = [.. aggregates.Select(a => AggregateFunctions.NeedsNumber(a.Kind))];
        _args = new SqlValue[aggregates.Length];
        _seconds = new SqlValue[aggregates.Length];
        _keySlots = [.. keys.Select(SlotOf)];
        _argSlots = [.. aggregates.Select(a => a.Argument is { } argument ? SlotOf(argument) : -1)];
    }

    private static int SlotOf(Evaluator evaluator) => evaluator is SlotEvaluator column ? column.Slot : -1;

    /// <summary>The bytes of the group key of the row last read by <see cref="TryRead"/>.</summary>
    public ReadOnlySpan<byte> Key => _keyWriter.Written;

    /// <summary>Evaluates the row's group key and aggregate arguments; returns why they cannot be, or null.</summary>
    public string? TryRead(EvalContext row)
    {
        var values = row.Values;
        for (var i = 0; i < _keys.Length; i++)
        {
            var slot = _keySlots[i];
            var v = slot >= 0 ? values[slot] : _keys[i].Eval(row);
            if (v.IsError) return v.ErrorMessage;
            _keyValues[i] = v;
        }
        for (var i = 0; i < _aggregates.Length; i++)
        {
            var spec = _aggregates[i];
            var slot = _argSlots[i];
            if (slot < 0 && spec.Argument is null)
            {
                _args[i] = SqlValue.True;
                continue;
            }
            if (slot < 0) _args[i] = spec.Argument!.Eval(row);
            ref readonly var v = ref slot >= 0 ? ref values[slot] : ref _args[i];
            if (v.IsError) return v.ErrorMessage;
            if (_needsNumber[i] && !v.IsNull && !v.IsNumeric)
            {
                return $"{spec.Name} needs a number, got {SqlArithmetic.Name(v.Kind)} '{v}'";
            }
            if (spec.Second is not null && ReadSecond(spec, i, row) is { } error)
            {
                return error;
            }
        }
        _keyWriter.Reset();
        foreach (var v in _keyValues)
        {
            _keyWriter.Append(v);
        }
        _sequence++;
        return null;
    }

    // The second argument of a two-argument aggregate (CORR's x), checked like the first.
    private string? ReadSecond(AggregateSpec spec, int i, EvalContext row)
    {
        var v = spec.Second!.Eval(row);
        if (v.IsError) return v.ErrorMessage;
        if (_needsNumber[i] && !v.IsNull && !v.IsNumeric)
        {
            return $"{spec.Name} needs a number, got {SqlArithmetic.Name(v.Kind)} '{v}'";
        }
        _seconds[i] = v;
        return null;
    }

    /// <summary>A new group for the key last read (owned copies of its key values): a recycled one when there is one.</summary>
    public GroupState NewGroup()
    {
        var sampleSize = _observer.WantsLineage ? _sampleSize : 0;
        while (_spare.TryPop(out var spare))
        {
            if (spare.Sample.Capacity != sampleSize) continue;
            spare.Reuse(_keyValues, _sequence);
            return spare;
        }
        return GroupState.Copying(_keyValues, _aggregates, sampleSize, _sequence);
    }

    /// <summary>
    /// Takes back a group its window dropped, for <see cref="NewGroup"/> to reuse. The caller
    /// guarantees nothing holds it any more: not a store (deleted), a window, nor an output waiting to be written.
    /// </summary>
    public void Recycle(GroupState group)
    {
        if (_spare.Count < MaxSpare) _spare.Push(group);
    }

    /// <summary>Folds the row last read into <paramref name="group"/>, at event time <paramref name="t"/>.</summary>
    public void Fold(GroupState group, EvalContext row, LineageSample? inputs, long t)
    {
        var states = group.States;
        var values = row.Values;
        for (var i = 0; i < states.Length; i++)
        {
            var slot = _argSlots[i];
            ref readonly var argument = ref slot >= 0 ? ref values[slot] : ref _args[i];
            if (_aggregates[i].Second is null) states[i].Add(argument, _sequence);
            else states[i].AddPair(argument, _seconds[i], _sequence);
        }
        if (inputs is null)
        {
            group.Sample.Add(row.Record);
        }
        else
        {
            foreach (var item in inputs.Items)
            {
                group.Sample.Add(item);
            }
        }
        if (t > group.LastEventTimeMs) group.LastEventTimeMs = t;
        group.LastSeen = _sequence;
    }

    /// <summary>Groups rebuilt from a restored store: rows arriving now come after every row they hold (FIRST_VALUE, LAST_VALUE, emission order).</summary>
    public void Restored(GroupState group)
    {
        if (group.LastSeen > _sequence) _sequence = group.LastSeen;
    }
}
