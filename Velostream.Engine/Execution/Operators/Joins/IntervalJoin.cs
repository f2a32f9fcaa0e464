using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Functions;
using Velostream.Engine.Execution.Keys;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Joins;

/// <summary>
/// A stream–stream join bounded in time: <c>ON a.k = b.k AND subject BETWEEN anchor + lower AND
/// anchor + upper</c>. Each arriving row is matched against the other side's buffered rows with the
/// same key, then buffered itself until the watermark passes the last time a partner could have;
/// expired rows are dropped (and, for LEFT JOIN, unmatched rows of the left side are emitted with
/// NULLs on the right). Each joined row's lineage is the two inputs that made it.
/// </summary>
internal sealed class IntervalJoin
{
    private readonly Evaluator[][] _keys;
    private readonly Evaluator[] _times;
    private readonly int[] _offsets;
    private readonly int[] _counts;
    private readonly int _subjectSide;
    private readonly long _lower;
    private readonly long _upper;
    private readonly Evaluator? _condition;
    private readonly bool _leftOuter;
    private readonly RowPipeline _pipeline;
    private readonly Dictionary<byte[], List<BufferedRow>>[] _buffers =
        [new(ByteKeyComparer.Instance), new(ByteKeyComparer.Instance)];
    private readonly Queue<BufferedRow>[] _expiry = [new(), new()];
    private readonly SqlKeyWriter _keyWriter = new();
    private readonly LineageSample _pair = new(2);
    private long _watermark = long.MinValue;

    public IntervalJoin(Evaluator[][] keys, Evaluator[] times, int[] offsets, int[] counts, int subjectSide,
        long lower, long upper, Evaluator? condition, bool leftOuter, RowPipeline pipeline)
    {
        _keys = keys;
        _times = times;
        _offsets = offsets;
        _counts = counts;
        _subjectSide = subjectSide;
        _lower = lower;
        _upper = upper;
        _condition = condition;
        _leftOuter = leftOuter;
        _pipeline = pipeline;
    }

    public string? Error { get; private set; }

    /// <summary>Rows buffered on both sides, for metrics.</summary>
    public int BufferedRows => _expiry[0].Count + _expiry[1].Count;

    /// <summary>
    /// Lowers <paramref name="into"/> (per source: partition → offset) to the offsets of buffered rows:
    /// they may still meet partners (or, for LEFT JOIN, be emitted unmatched), so a restart must replay them.
    /// </summary>
    public void LowerHeld(Dictionary<int, long>[] into)
    {
        for (var side = 0; side < 2 && side < into.Length; side++)
        {
            var held = into[side];
            foreach (var row in _expiry[side])
            {
                var input = row.Input;
                if (!held.TryGetValue(input.Partition, out var offset) || input.Offset < offset) held[input.Partition] = input.Offset;
            }
        }
    }

    /// <summary>Joins the row of <paramref name="side"/> in the context. Same result codes as <see cref="RowPipeline.Push"/>.</summary>
    public int Accept(int side, EvalContext ctx)
    {
        var tv = _times[side].Eval(ctx);
        if (tv.IsError) return Fail(tv.ErrorMessage);
        if (!TimeFunctions.TryTimestamp(tv, out var t))
        {
            return Fail(tv.IsNull ? "join time column is missing" : $"join time column is not a timestamp: {tv}");
        }
        _keyWriter.Reset();
        foreach (var k in _keys[side])
        {
            var v = k.Eval(ctx);
            if (v.IsError) return Fail(v.ErrorMessage);
            if (v.IsNull)
            {
                // A NULL key never matches: a LEFT row appears at once with NULLs, anything else is done.
                return side == 0 && _leftOuter
                    ? EmitUnmatched(ctx, new BufferedRow(CopyRegion(ctx, 0), t, t, LineageSample.FromRecord(ctx.Record), []))
                    : 0;
            }
            _keyWriter.Append(v);
        }
        var key = _keyWriter.Written.ToArray();
        var other = 1 - side;
        var outputs = 0;
        var input = LineageSample.FromRecord(ctx.Record);
        var self = new BufferedRow(CopyRegion(ctx, side), t, ExpiryOf(side, t), input, key);
        var lookup = _buffers[other].GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(key, out var candidates))
        {
            var dead = 0;
            foreach (var row in candidates)
            {
                if (row.Dead)
                {
                    dead++;
                    continue;
                }
                var (subject, anchor) = side == _subjectSide ? (t, row.TimeMs) : (row.TimeMs, t);
                if (subject < anchor + _lower || subject > anchor + _upper) continue;
                Load(ctx, other, row.Values);
                if (_condition is not null)
                {
                    var c = _condition.Eval(ctx);
                    if (c.IsError) return Fail(c.ErrorMessage);
                    if (!SqlLogic.IsTrue(c)) continue;
                }
                row.Matched = true;
                self.Matched = true;
                _pair.Clear();
                _pair.Add(side == 0 ? input : row.Input);
                _pair.Add(side == 0 ? row.Input : input);
                var r = _pipeline.Push(ctx, _pair);
                if (r == -1) return Fail(_pipeline.Error!);
                if (r > 0) outputs += r;
            }
            if (dead > candidates.Count / 2) candidates.RemoveAll(static r => r.Dead);
        }
        if (self.ExpiresAfterMs < _watermark)
        {
            // Already too old for any future partner: only a LEFT row without match still matters.
            return outputs + (side == 0 && _leftOuter && !self.Matched ? EmitUnmatched(ctx, self) : 0);
        }
        var own = _buffers[side].GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!own.TryGetValue(key, out var list))
        {
            list = [];
            _buffers[side][key] = list;
        }
        list.Add(self);
        _expiry[side].Enqueue(self);
        return outputs;
    }

    /// <summary>Drops rows no future partner can match; emits LEFT rows that never matched.</summary>
    public int AdvanceWatermark(long watermark, EvalContext ctx)
    {
        if (watermark <= _watermark) return 0;
        _watermark = watermark;
        var outputs = 0;
        for (var side = 0; side < 2; side++)
        {
            var queue = _expiry[side];
            var lookup = _buffers[side].GetAlternateLookup<ReadOnlySpan<byte>>();
            while (queue.TryPeek(out var row) && row.ExpiresAfterMs < watermark)
            {
                queue.Dequeue();
                row.Dead = true;
                // Drop the row (and its key once empty) so unique keys such as order ids do not pile up.
                if (lookup.TryGetValue(row.Key, out var list))
                {
                    list.Remove(row);
                    if (list.Count == 0) lookup.Remove(row.Key);
                }
                if (side == 0 && _leftOuter && !row.Matched)
                {
                    outputs += EmitUnmatched(ctx, row);
                }
            }
        }
        return outputs;
    }

    private int EmitUnmatched(EvalContext ctx, BufferedRow row)
    {
        Load(ctx, 0, row.Values);
        Array.Clear(ctx.Values, _offsets[1], _counts[1]);
        _pair.Clear();
        _pair.Add(row.Input);
        var r = _pipeline.Push(ctx, _pair);
        return r > 0 ? r : 0;
    }

    // A row of the anchor side can meet subjects up to t + upper; a subject row anchors down to t - lower.
    private long ExpiryOf(int side, long t) => side == _subjectSide ? t - _lower : t + _upper;

    private SqlValue[] CopyRegion(EvalContext ctx, int side)
    {
        var copy = new SqlValue[_counts[side]];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = ctx.Values[_offsets[side] + i].Detach();
        }
        return copy;
    }

    private void Load(EvalContext ctx, int side, SqlValue[] values) =>
        values.CopyTo(ctx.Values, _offsets[side]);

    private int Fail(string message)
    {
        Error = message;
        return -1;
    }
}
