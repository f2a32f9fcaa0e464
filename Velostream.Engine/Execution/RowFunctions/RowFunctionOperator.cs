using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Keys;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.RowFunctions;

/// <summary>
/// Computes LAG and LEAD over <c>ROWS WINDOW BUFFER n ROWS PARTITION BY …</c>, rows in arrival
/// order within each partition. LAG reads the partition's last rows (at most the buffer size).
/// LEAD needs rows that have not arrived yet, so with LEAD each row is held back until the row it
/// reads arrives (or the input ends, when the default applies) and rows then leave in order, to
/// the next operator (the projection).
/// </summary>
internal sealed class RowFunctionOperator : IStreamOperator
{
    private readonly RowFunctionSpec[] _functions;
    private readonly bool _hasLead;
    private readonly int _maxLead;
    private readonly Dictionary<byte[], Partition>[] _partitions;
    private readonly Dictionary<byte[], Pending> _pendingByPartition = new(ByteKeyComparer.Instance);
    private readonly SqlKeyWriter _keyWriter = new();
    private readonly IStreamOperator _next;

    public RowFunctionOperator(RowFunctionSpec[] functions, IStreamOperator next)
    {
        _functions = functions;
        _next = next;
        _hasLead = functions.Any(f => f.IsLead);
        _maxLead = functions.Where(f => f.IsLead).Select(f => f.Offset).DefaultIfEmpty(0).Max();
        _partitions = [.. functions.Select(_ => new Dictionary<byte[], Partition>(ByteKeyComparer.Instance))];
    }

    /// <summary>
    /// Fills the LAG slots of the row. Without LEAD the row continues at once; with LEAD it is held,
    /// and every row that becomes complete continues, in order (their own failures are not the
    /// pushed record's: they are dropped, as rows released at the end are).
    /// </summary>
    public OperatorResult Push(EvalContext ctx, LineageSample? inputs)
    {
        for (var i = 0; i < _functions.Length; i++)
        {
            var f = _functions[i];
            if (f.IsLead) continue;
            if (PartitionKey(f, ctx) is { } keyError) return OperatorResult.Failed(keyError);
            var partition = PartitionFor(i);
            var value = f.Argument.Eval(ctx);
            if (value.IsError) return OperatorResult.Failed(value.ErrorMessage);
            if (partition.TryBack(f.Offset, out var previous))
            {
                ctx.Values[f.Slot] = previous;
            }
            else
            {
                var d = f.Default?.Eval(ctx) ?? SqlValue.Null;
                if (d.IsError) return OperatorResult.Failed(d.ErrorMessage);
                ctx.Values[f.Slot] = d;
            }
            partition.Push(value.Detach());
        }
        if (!_hasLead) return _next.Push(ctx, inputs);

        // LEAD: all LEAD calls share the first LEAD's partition, as one queue of held rows.
        var lead = _functions.First(f => f.IsLead);
        if (PartitionKey(lead, ctx) is { } leadKeyError) return OperatorResult.Failed(leadKeyError);
        var key = _keyWriter.Written;
        var lookup = _pendingByPartition.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(key, out var pending))
        {
            pending = new Pending();
            lookup[key] = pending;
        }
        var leadValues = new SqlValue[_functions.Length];
        for (var i = 0; i < _functions.Length; i++)
        {
            if (!_functions[i].IsLead) continue;
            var v = _functions[i].Argument.Eval(ctx);
            if (v.IsError) return OperatorResult.Failed(v.ErrorMessage);
            leadValues[i] = v.Detach();
        }
        var row = new HeldRow(Snapshot(ctx), ctx.Record, ctx.SourceIndex, ctx.EventTimeMs, leadValues, pending.Next++);
        pending.Rows.Add(row);
        // Resolve LEAD(n) of the row n positions back.
        foreach (var held in pending.Rows)
        {
            for (var i = 0; i < _functions.Length; i++)
            {
                var f = _functions[i];
                if (f.IsLead && held.Position + f.Offset == row.Position)
                {
                    held.Values[f.Slot] = leadValues[i];
                }
            }
        }
        var released = OperatorResult.None;
        while (pending.Rows.Count > 0 && pending.Rows[0].Position + _maxLead <= row.Position)
        {
            var ready = pending.Rows[0];
            pending.Rows.RemoveAt(0);
            released = released.Then(Release(ready, ctx));
        }
        return released;
    }

    /// <summary>Lowers <paramref name="into"/> (per source: partition → offset) to the records of rows waiting for LEAD.</summary>
    public void ReportHeld(Dictionary<int, long>[] into)
    {
        _next.ReportHeld(into);
        foreach (var pending in _pendingByPartition.Values)
        {
            foreach (var row in pending.Rows)
            {
                if ((uint)row.SourceIndex >= (uint)into.Length) continue;
                var held = into[row.SourceIndex];
                var record = row.Record;
                if (!held.TryGetValue(record.Partition, out var offset) || record.Offset < offset) held[record.Partition] = record.Offset;
            }
        }
    }

    public OperatorResult AdvanceWatermark(long watermarkMs, EvalContext scratch) => _next.AdvanceWatermark(watermarkMs, scratch);

    public JobStateSize MeasureState(JobStateSize size) => _next.MeasureState(size);

    /// <summary>End of input: rows still waiting for LEAD get the defaults and leave.</summary>
    public OperatorResult Finish(EvalContext ctx)
    {
        var outputs = OperatorResult.None;
        foreach (var pending in _pendingByPartition.Values)
        {
            foreach (var held in pending.Rows)
            {
                for (var i = 0; i < _functions.Length; i++)
                {
                    var f = _functions[i];
                    if (f.IsLead && held.Position + f.Offset >= pending.Next)
                    {
                        held.Values.CopyTo(ctx.Values, 0);
                        var d = f.Default?.Eval(ctx) ?? SqlValue.Null;
                        held.Values[f.Slot] = d.IsError ? SqlValue.Null : d.Detach();
                    }
                }
                outputs = outputs.Then(Release(held, ctx));
            }
            pending.Rows.Clear();
        }
        return outputs.Then(_next.Finish(ctx));
    }

    private OperatorResult Release(HeldRow held, EvalContext ctx)
    {
        held.Values.CopyTo(ctx.Values, 0);
        ctx.Record = held.Record;
        ctx.EventTimeMs = held.EventTimeMs;
        return _next.Push(ctx, null).AsAccepted();
    }

    private static SqlValue[] Snapshot(EvalContext ctx)
    {
        var copy = new SqlValue[ctx.Values.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = ctx.Values[i].Detach();
        }
        return copy;
    }

    // Writes the partition key of the row; returns why it could not be computed, or null.
    private string? PartitionKey(RowFunctionSpec f, EvalContext ctx)
    {
        _keyWriter.Reset();
        foreach (var p in f.Partition)
        {
            var v = p.Eval(ctx);
            if (v.IsError) return v.ErrorMessage;
            _keyWriter.Append(v);
        }
        return null;
    }

    private Partition PartitionFor(int function)
    {
        var lookup = _partitions[function].GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(_keyWriter.Written, out var partition))
        {
            partition = new Partition(_functions[function].BufferRows);
            lookup[_keyWriter.Written] = partition;
        }
        return partition;
    }

    /// <summary>The last rows' values of one partition, in a ring.</summary>
    private sealed class Partition(int capacity)
    {
        private readonly SqlValue[] _ring = new SqlValue[Math.Max(1, capacity)];
        private long _count;

        public void Push(SqlValue value) => _ring[_count++ % _ring.Length] = value;

        public bool TryBack(int offset, out SqlValue value)
        {
            if (offset < 1 || offset > _count || offset > _ring.Length)
            {
                value = default;
                return false;
            }
            value = _ring[(_count - offset) % _ring.Length];
            return true;
        }
    }

    private sealed class Pending
    {
        public readonly List<HeldRow> Rows = [];
        public long Next;
    }

    private sealed record HeldRow(SqlValue[] Values, SourceRecord Record, int SourceIndex, long EventTimeMs, SqlValue[] LeadArguments, long Position);
}
