using Velostream.Engine.Execution.Aggregates;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Keys;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Execution.Operators.Aggregation;

/// <summary>
/// Continuous GROUP BY, optionally windowed on event time (tumbling, sliding, session). Each input
/// row updates its group in every window it belongs to; EMIT CHANGES writes the group's new result
/// row at once, EMIT FINAL when the watermark passes the window's end (or at the end of bounded
/// input). A row whose windows have all closed is late. Output rows are computed by the output
/// stage: HAVING, then the SELECT items over [group keys..., aggregate results...]. The last
/// operator of its chain: it writes to the job's output.
/// </summary>
internal sealed class GroupAggregator : IStreamOperator
{
    private readonly Evaluator[] _keys;
    private readonly AggregateSpec[] _aggregates;
    private readonly WindowPlan _window;
    private readonly EmitMode _emit;
    private readonly Evaluator? _having;
    private readonly Evaluator[] _outputs;
    private readonly int[] _primaryKey;
    private readonly int[] _groupKeySlots;
    private readonly OutputEmitter _emitter;
    private readonly int _sampleSize;
    // Output rows that failed during the current call, handed back in its result.
    private List<string>? _outputErrors;

    private readonly SqlValue[] _keyValues;
    private readonly bool[] _needsNumber;
    private readonly SqlValue[] _args;
    private readonly SqlValue[] _outRow;
    private readonly EvalContext _out;
    private readonly SqlKeyWriter _keyWriter = new();
    private readonly KeyEncoder _keyEncoder = new();

    private readonly WindowBucket _global = new(-1, -1);
    // Tumbling and sliding windows by start; all have one size, so start order is end order.
    private readonly SortedDictionary<long, WindowBucket> _windows = [];
    private WindowBucket? _lastBucket;
    private long _earliestEnd = long.MaxValue;

    private readonly Dictionary<byte[], List<Session>> _sessions = new(ByteKeyComparer.Instance);
    private readonly PriorityQueue<Session, long> _sessionEnds = new();

    private long _sequence;

    // Kept as state changes so that measuring it (once per batch) costs nothing.
    private int _groupCount;
    private int _openSessions;

    public GroupAggregator(
        Evaluator[] keys,
        AggregateSpec[] aggregates,
        WindowPlan window,
        EmitMode emit,
        Evaluator? having,
        Evaluator[] outputs,
        int[] primaryKey,
        OutputEmitter emitter,
        int sampleSize)
    {
        _keys = keys;
        _aggregates = aggregates;
        _window = window;
        _emit = emit;
        _having = having;
        _outputs = outputs;
        _primaryKey = primaryKey;
        _groupKeySlots = [.. Enumerable.Range(0, keys.Length)];
        _emitter = emitter;
        _sampleSize = sampleSize;
        _keyValues = new SqlValue[keys.Length];
        _needsNumber = [.. aggregates.Select(a => AggregateFunctions.NeedsNumber(a.Kind))];
        _args = new SqlValue[aggregates.Length];
        _outRow = new SqlValue[outputs.Length];
        _out = new EvalContext(keys.Length + aggregates.Length);
    }

    public long Watermark { get; private set; } = long.MinValue;

    public bool IsWindowed => _window.Kind != WindowKind.None;

    /// <summary>
    /// Open windows, or open sessions, for metrics. Not the session queue's length: a session extended
    /// by later rows is queued again under its new end, and its stale entries linger until they are due.
    /// </summary>
    public int OpenWindows => _window.Kind == WindowKind.Session ? _openSessions : _windows.Count;

    /// <summary>Groups held: one per key in each open window or session (or per key without a window), for metrics.</summary>
    public int GroupCount => _groupCount;

    public JobStateSize MeasureState(JobStateSize size) => size with
    {
        GroupKeys = (size.GroupKeys ?? 0) + GroupCount,
        OpenWindows = IsWindowed ? (size.OpenWindows ?? 0) + OpenWindows : size.OpenWindows,
    };

    /// <summary>
    /// Adds one input row: rows written (EMIT CHANGES), or the record failed (no state was changed),
    /// or it is late.
    /// </summary>
    public OperatorResult Push(EvalContext ctx, LineageSample? inputs)
    {
        var outputs = Accept(ctx, inputs, out var error);
        return outputs switch
        {
            Failure => OperatorResult.Failed(error!),
            IsLate => OperatorResult.Late.Then(Result(0)),
            _ => Result(outputs),
        };
    }

    private const int Failure = -1;
    private const int IsLate = -2;

    // The rows written by the current call, with the output rows that failed on the way.
    private OperatorResult Result(int outputs)
    {
        var errors = _outputErrors;
        _outputErrors = null;
        return OperatorResult.Written(outputs, errors);
    }

    private int Accept(EvalContext ctx, LineageSample? inputs, out string? error)
    {
        error = null;
        for (var i = 0; i < _keys.Length; i++)
        {
            var v = _keys[i].Eval(ctx);
            if (v.IsError) return Fail(v.ErrorMessage, out error);
            _keyValues[i] = v;
        }
        for (var i = 0; i < _aggregates.Length; i++)
        {
            var spec = _aggregates[i];
            if (spec.Argument is null)
            {
                _args[i] = SqlValue.True;
                continue;
            }
            var v = spec.Argument.Eval(ctx);
            if (v.IsError) return Fail(v.ErrorMessage, out error);
            if (_needsNumber[i] && !v.IsNull && !v.IsNumeric)
            {
                return Fail($"{spec.Name} needs a number, got {SqlArithmetic.Name(v.Kind)} '{v}'", out error);
            }
            _args[i] = v;
        }
        _keyWriter.Reset();
        foreach (var v in _keyValues)
        {
            _keyWriter.Append(v);
        }
        var key = _keyWriter.Written;
        var t = ctx.EventTimeMs >= 0 ? ctx.EventTimeMs : ctx.NowMs;
        _sequence++;

        switch (_window.Kind)
        {
            case WindowKind.None:
                Hold(_global.Held, ctx, inputs);
                var group = Update(_global, key, ctx, inputs, t);
                return _emit == EmitMode.Changes ? EmitGroup(group, -1, -1) : 0;
            case WindowKind.Tumbling:
            {
                var start = WindowPlan.AlignDown(t, _window.Size);
                var end = start + _window.Size;
                if (end <= Watermark) return IsLate;
                var bucket = Bucket(start, end);
                Hold(bucket.Held, ctx, inputs);
                var g = Update(bucket, key, ctx, inputs, t);
                return _emit == EmitMode.Changes ? EmitGroup(g, start, end) : 0;
            }
            case WindowKind.Sliding:
            {
                var outputs = 0;
                var any = false;
                // Every window [s, s + size) with s aligned to the advance and s <= t < s + size.
                var first = WindowPlan.AlignDown(t - _window.Size, _window.Advance) + _window.Advance;
                for (var s = first; s <= t; s += _window.Advance)
                {
                    var e = s + _window.Size;
                    if (e <= Watermark) continue;
                    any = true;
                    var bucket = Bucket(s, e);
                    Hold(bucket.Held, ctx, inputs);
                    var g = Update(bucket, key, ctx, inputs, t);
                    if (_emit == EmitMode.Changes) outputs += EmitGroup(g, s, e);
                }
                return any ? outputs : IsLate;
            }
            default:
                return AcceptSession(key, ctx, inputs, t);
        }
    }

    /// <summary>Closes every window whose end the watermark has reached.</summary>
    public OperatorResult AdvanceWatermark(long watermark, EvalContext scratch) => Result(Advance(watermark));

    /// <summary>End of bounded input: every open window closes; without a window, EMIT FINAL writes each group once.</summary>
    public OperatorResult Finish(EvalContext scratch) => Result(Finish());

    private int Advance(long watermark)
    {
        if (watermark <= Watermark) return 0;
        Watermark = watermark;
        var outputs = 0;
        if (_window.Kind is WindowKind.Tumbling or WindowKind.Sliding)
        {
            if (watermark < _earliestEnd) return 0;
            while (_windows.Count > 0)
            {
                var bucket = FirstWindow();
                if (bucket.End > watermark) break;
                outputs += Close(bucket);
                outputs += _emitter.Sorts ? _emitter.FlushSorted() : 0;
                _windows.Remove(bucket.Start);
                _groupCount -= bucket.Count;
                if (ReferenceEquals(bucket, _lastBucket)) _lastBucket = null;
            }
            _earliestEnd = _windows.Count > 0 ? FirstWindow().End : long.MaxValue;
        }
        else if (_window.Kind == WindowKind.Session)
        {
            while (_sessionEnds.TryPeek(out var session, out var end) && end <= watermark)
            {
                _sessionEnds.Dequeue();
                if (session.Closed || session.End != end) continue;
                outputs += CloseSession(session);
            }
            outputs += _emitter.Sorts ? _emitter.FlushSorted() : 0;
        }
        return outputs;
    }

    private int Finish()
    {
        switch (_window.Kind)
        {
            case WindowKind.None:
                if (_emit != EmitMode.Final) return 0;
                var outputs = 0;
                foreach (var g in _global.Ordered)
                {
                    outputs += EmitGroup(g, -1, -1);
                }
                return outputs + (_emitter.Sorts ? _emitter.FlushSorted() : 0);
            default:
                return Advance(long.MaxValue);
        }
    }

    /// <summary>
    /// Lowers <paramref name="into"/> (per source: partition → offset) to the first input offsets that
    /// results not yet emitted depend on: a job commits its sources no further, so a restart replays
    /// and rebuilds every open window. EMIT CHANGES has emitted everything already and holds nothing.
    /// </summary>
    public void ReportHeld(Dictionary<int, long>[] into)
    {
        if (_emit != EmitMode.Final) return;
        switch (_window.Kind)
        {
            case WindowKind.None:
                _global.Held.LowerInto(into);
                break;
            case WindowKind.Session:
                foreach (var sessions in _sessions.Values)
                {
                    foreach (var session in sessions)
                    {
                        session.Held.LowerInto(into);
                    }
                }
                break;
            default:
                foreach (var bucket in _windows.Values)
                {
                    bucket.Held.LowerInto(into);
                }
                break;
        }
    }

    // A row from an interval join carries both inputs, in source order; any other row is the current record.
    private void Hold(HeldOffsets held, EvalContext ctx, LineageSample? inputs)
    {
        if (_emit != EmitMode.Final) return;
        if (inputs is null)
        {
            held.Note(ctx.SourceIndex, ctx.Record.Partition, ctx.Record.Offset);
            return;
        }
        var items = inputs.Items;
        for (var i = 0; i < items.Count; i++)
        {
            held.Note(i, items[i].Partition, items[i].Offset);
        }
    }

    private int AcceptSession(ReadOnlySpan<byte> key, EvalContext ctx, LineageSample? inputs, long t)
    {
        var gap = _window.Gap;
        var lookup = _sessions.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(key, out var list))
        {
            list = [];
            lookup[key] = list;
        }
        Session? target = null;
        var newStart = t;
        var newEnd = t + gap;
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            if (t < s.End && s.Start < newEnd)
            {
                if (target is null)
                {
                    target = s;
                }
                else
                {
                    // The row bridges two sessions: they become one.
                    target.State.Merge(s.State);
                    target.Held.Merge(s.Held);
                    target.Start = Math.Min(target.Start, s.Start);
                    target.End = Math.Max(target.End, s.End);
                    s.Closed = true;
                    list.RemoveAt(i--);
                    _openSessions--;
                    _groupCount--;
                }
            }
        }
        if (target is null)
        {
            if (newEnd <= Watermark) return IsLate;
            var keyBytes = key.ToArray();
            target = new Session(newStart, newEnd, NewGroup(), keyBytes);
            list.Add(target);
            _openSessions++;
            _groupCount++;
        }
        else
        {
            target.Start = Math.Min(target.Start, newStart);
            target.End = Math.Max(target.End, newEnd);
        }
        _sessionEnds.Enqueue(target, target.End);
        Hold(target.Held, ctx, inputs);
        Fold(target.State, ctx, inputs, t);
        return _emit == EmitMode.Changes ? EmitGroup(target.State, target.Start, target.End) : 0;
    }

    private int CloseSession(Session session)
    {
        session.Closed = true;
        _openSessions--;
        _groupCount--;
        var lookup = _sessions.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(session.Key, out var list))
        {
            list.Remove(session);
            if (list.Count == 0) _sessions.Remove(session.Key);
        }
        return _emit == EmitMode.Final ? EmitGroup(session.State, session.Start, session.End) : 0;
    }

    private WindowBucket FirstWindow()
    {
        foreach (var pair in _windows)
        {
            return pair.Value;
        }
        throw new InvalidOperationException("no open window");
    }

    private WindowBucket Bucket(long start, long end)
    {
        if (_lastBucket is { } last && last.Start == start) return last;
        if (!_windows.TryGetValue(start, out var bucket))
        {
            bucket = new WindowBucket(start, end);
            _windows.Add(start, bucket);
            _earliestEnd = Math.Min(_earliestEnd, end);
        }
        _lastBucket = bucket;
        return bucket;
    }

    private GroupState Update(WindowBucket bucket, ReadOnlySpan<byte> key, EvalContext ctx, LineageSample? inputs, long t)
    {
        if (!bucket.TryGet(key, out var group))
        {
            group = NewGroup();
            bucket.Add(key, group);
            _groupCount++;
        }
        Fold(group, ctx, inputs, t);
        return group;
    }

    private GroupState NewGroup()
    {
        var keys = new SqlValue[_keyValues.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = _keyValues[i].Detach();
        }
        return new GroupState(keys, _aggregates, _sampleSize);
    }

    private void Fold(GroupState group, EvalContext ctx, LineageSample? inputs, long t)
    {
        var states = group.States;
        for (var i = 0; i < states.Length; i++)
        {
            states[i].Add(_args[i], _sequence);
        }
        if (inputs is null)
        {
            group.Sample.Add(ctx.Record);
        }
        else
        {
            foreach (var item in inputs.Items)
            {
                group.Sample.Add(item);
            }
        }
        if (t > group.LastEventTimeMs) group.LastEventTimeMs = t;
    }

    private int Close(WindowBucket bucket)
    {
        if (_emit != EmitMode.Final) return 0;
        var outputs = 0;
        foreach (var group in bucket.Ordered)
        {
            outputs += EmitGroup(group, bucket.Start, bucket.End);
        }
        return outputs;
    }

    private int EmitGroup(GroupState group, long windowStart, long windowEnd)
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
                OutputFailed("HAVING: " + h.ErrorMessage);
                return 0;
            }
            if (!SqlLogic.IsTrue(h)) return 0;
        }
        for (var i = 0; i < _outputs.Length; i++)
        {
            var v = _outputs[i].Eval(_out);
            if (v.IsError)
            {
                OutputFailed(v.ErrorMessage);
                return 0;
            }
            _outRow[i] = v;
        }
        var key = _primaryKey.Length > 0
            ? _keyEncoder.Encode(_outRow, _primaryKey)
            : k > 0 ? _keyEncoder.Encode(group.Keys, _groupKeySlots) : default;
        return _emitter.Emit(_outRow, key, group.Sample, _out.EventTimeMs) ? 1 : 0;
    }

    private void OutputFailed(string reason) => (_outputErrors ??= []).Add(reason);

    private static int Fail(string message, out string? error)
    {
        error = message;
        return Failure;
    }
}
