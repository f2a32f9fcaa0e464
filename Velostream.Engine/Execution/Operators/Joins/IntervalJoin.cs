using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Formats.Keys;
using Velostream.Engine.Execution.Functions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Operators.Joins;

/// <summary>
/// A stream–stream join bounded in time: <c>ON a.k = b.k AND subject BETWEEN anchor + lower AND
/// anchor + upper</c>. Each arriving row is matched against the other side's buffered rows with the
/// same key, then buffered itself until the watermark passes the last time a partner could have;
/// expired rows are dropped (and, for LEFT JOIN, unmatched rows of the left side are emitted with
/// NULLs on the right). Each joined row's lineage is the two inputs that made it. The side of a
/// pushed row is its source (0 for FROM, 1 for the joined stream).
/// </summary>
internal sealed class IntervalJoin : IStreamOperator
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
    private readonly IStreamOperator _next;
    // Per side, the rows buffered under each join key.
    private readonly IKeyValueStore<List<BufferedRow>>[] _buffers;
    private readonly Queue<BufferedRow>[] _expiry = [new(), new()];
    private readonly SqlKeyWriter _keyWriter = new();
    private readonly LineageSample _pair = new(2);
    private long _watermark = long.MinValue;

    public IntervalJoin(Evaluator[][] keys, Evaluator[] times, int[] offsets, int[] counts, int subjectSide,
        long lower, long upper, Evaluator? condition, bool leftOuter, IKeyValueStore<List<BufferedRow>>[] buffers, IStreamOperator next)
    {
        _buffers = buffers;
        // Restored buffers: their rows expire again as the watermark passes them.
        for (var side = 0; side < 2; side++)
        {
            foreach (var row in buffers[side].All().SelectMany(p => p.Value).OrderBy(r => r.ExpiresAfterMs))
            {
                _expiry[side].Enqueue(row);
            }
        }
        _keys = keys;
        _times = times;
        _offsets = offsets;
        _counts = counts;
        _subjectSide = subjectSide;
        _lower = lower;
        _upper = upper;
        _condition = condition;
        _leftOuter = leftOuter;
        _next = next;
    }

    /// <summary>Rows buffered on both sides, for metrics.</summary>
    public int BufferedRows => _expiry[0].Count + _expiry[1].Count;

    /// <summary>
    /// Lowers <paramref name="into"/> (per source: partition → offset) to the offsets of buffered rows:
    /// they may still meet partners (or, for LEFT JOIN, be emitted unmatched), so a restart must replay them.
    /// </summary>
    public void ReportHeld(Dictionary<int, long>[] into)
    {
        _next.ReportHeld(into);
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

    public JobStateSize MeasureState(JobStateSize size) =>
        _next.MeasureState(size with { BufferedJoinRows = (size.BufferedJoinRows ?? 0) + BufferedRows });

    /// <summary>Joins the row in the context, of side <see cref="EvalContext.SourceIndex"/>, with the other side's buffered rows.</summary>
    public OperatorResult Push(EvalContext ctx, LineageSample? inputs)
    {
        var side = ctx.SourceIndex;
        var tv = _times[side].Eval(ctx);
        if (tv.IsError) return OperatorResult.Failed(tv.ErrorMessage);
        if (!TimeFunctions.TryTimestamp(tv, out var t))
        {
            return OperatorResult.Failed(tv.IsNull ? "join time column is missing" : $"join time column is not a timestamp: {tv}");
        }
        _keyWriter.Reset();
        foreach (var k in _keys[side])
        {
            var v = k.Eval(ctx);
            if (v.IsError) return OperatorResult.Failed(v.ErrorMessage);
            if (v.IsNull)
            {
                // A NULL key never matches: a LEFT row appears at once with NULLs, anything else is done.
                return side == 0 && _leftOuter
                    ? EmitUnmatched(ctx, new BufferedRow(CopyRegion(ctx, 0), t, t, LineageSample.FromRecord(ctx.Record), []))
                    : OperatorResult.None;
            }
            _keyWriter.Append(v);
        }
        var key = _keyWriter.Written.ToArray();
        var other = 1 - side;
        var outputs = OperatorResult.None;
        var input = LineageSample.FromRecord(ctx.Record);
        var self = new BufferedRow(CopyRegion(ctx, side), t, ExpiryOf(side, t), input, key);
        if (_buffers[other].TryUpdate(key, out var candidates))
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
                    if (c.IsError) return OperatorResult.Failed(c.ErrorMessage);
                    if (!SqlLogic.IsTrue(c)) continue;
                }
                row.Matched = true;
                self.Matched = true;
                _pair.Clear();
                _pair.Add(side == 0 ? input : row.Input);
                _pair.Add(side == 0 ? row.Input : input);
                var r = _next.Push(ctx, _pair);
                if (r.IsFailed) return r;
                // A joined row found late by a window is not this record's lateness: it is only not counted.
                outputs = outputs.Then(r);
            }
            if (dead > candidates.Count / 2) candidates.RemoveAll(static r => r.Dead);
        }
        if (self.ExpiresAfterMs < _watermark)
        {
            // Already too old for any future partner: only a LEFT row without match still matters.
            return side == 0 && _leftOuter && !self.Matched ? outputs.Then(EmitUnmatched(ctx, self)) : outputs;
        }
        if (!_buffers[side].TryUpdate(key, out var list))
        {
            list = [];
            _buffers[side].Put(key, list);
        }
        list.Add(self);
        _expiry[side].Enqueue(self);
        return outputs;
    }

    /// <summary>Drops rows no future partner can match; emits LEFT rows that never matched.</summary>
    public OperatorResult AdvanceWatermark(long watermark, EvalContext ctx) => Expire(watermark, ctx).Then(_next.AdvanceWatermark(watermark, ctx));

    /// <summary>End of input: every buffered LEFT row that never matched is emitted.</summary>
    public OperatorResult Finish(EvalContext ctx) => Expire(long.MaxValue, ctx).Then(_next.Finish(ctx));

    private OperatorResult Expire(long watermark, EvalContext ctx)
    {
        if (watermark <= _watermark) return OperatorResult.None;
        _watermark = watermark;
        var outputs = OperatorResult.None;
        for (var side = 0; side < 2; side++)
        {
            var queue = _expiry[side];
            var buffer = _buffers[side];
            while (queue.TryPeek(out var row) && row.ExpiresAfterMs < watermark)
            {
                queue.Dequeue();
                row.Dead = true;
                // Drop the row (and its key once empty) so unique keys such as order ids do not pile up.
                if (buffer.TryUpdate(row.Key, out var list))
                {
                    list.Remove(row);
                    if (list.Count == 0) buffer.Delete(row.Key);
                }
                if (side == 0 && _leftOuter && !row.Matched)
                {
                    outputs = outputs.Then(EmitUnmatched(ctx, row));
                }
            }
        }
        return outputs;
    }

    // Failures of an unmatched row are not the current record's (it is emitted on a watermark, or for another record).
    private OperatorResult EmitUnmatched(EvalContext ctx, BufferedRow row)
    {
        Load(ctx, 0, row.Values);
        Array.Clear(ctx.Values, _offsets[1], _counts[1]);
        _pair.Clear();
        _pair.Add(row.Input);
        return _next.Push(ctx, _pair).AsAccepted();
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
}
