using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Formats.Keys;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql.Logical;

namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>
/// Computes ranking functions and aggregates over rows (see <see cref="RowWindowFunctions"/>), and LAG and LEAD over <c>ROWS WINDOW BUFFER n ROWS PARTITION BY …</c>, rows in arrival
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
    // Per LAG function, the last values of each partition; the rows waiting for LEAD, per partition.
    private readonly IKeyValueStore<RowPartition>[] _partitions;
    private readonly IKeyValueStore<PendingRows> _pendingByPartition;
    // Per ranking function or aggregate over rows, the rows each partition keeps.
    private readonly IKeyValueStore<RowWindow>[] _windows;
    private readonly SqlKeyWriter _keyWriter = new();
    private readonly IStreamOperator _next;

    public RowFunctionOperator(RowFunctionSpec[] functions, IKeyValueStore<RowPartition>[] partitions, IKeyValueStore<PendingRows> pending, IStreamOperator next,
        IKeyValueStore<RowWindow>[]? windows = null)
    {
        _windows = windows ?? [];
        _partitions = partitions;
        _pendingByPartition = pending;
        _functions = functions;
        _next = next;
        _hasLead = functions.Any(f => f.IsLead);
        _maxLead = functions.Where(f => f.IsLead).Select(f => f.Offset).DefaultIfEmpty(0).Max();
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
            if (f.Kind != RowFunctionKind.Offset)
            {
                var result = RowWindowFunctions.Push(f, WindowFor(i), ctx);
                if (result.IsError) return OperatorResult.Failed(result.ErrorMessage);
                ctx.Values[f.Slot] = result.Detach();
                continue;
            }
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
        if (!_pendingByPartition.TryUpdate(key, out var pending))
        {
            pending = new PendingRows();
            _pendingByPartition.Put(key, pending);
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
        foreach (var (_, pending) in _pendingByPartition.All())
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
        foreach (var (_, pending) in _pendingByPartition.All())
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

    private RowWindow WindowFor(int function)
    {
        var store = _windows[function];
        if (!store.TryUpdate(_keyWriter.Written, out var window))
        {
            window = RowWindowFunctions.NewWindow(_functions[function]);
            store.Put(_keyWriter.Written, window);
        }
        return window;
    }

    private RowPartition PartitionFor(int function)
    {
        var store = _partitions[function];
        if (!store.TryUpdate(_keyWriter.Written, out var partition))
        {
            partition = new RowPartition(_functions[function].BufferRows);
            store.Put(_keyWriter.Written, partition);
        }
        return partition;
    }
}
