using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Keys;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.RowFunctions;

/// <summary>
/// Computes LAG and LEAD over <c>ROWS WINDOW BUFFER n ROWS PARTITION BY …</c>, rows in arrival
/// order within each partition. LAG reads the partition's last rows (at most the buffer size).
/// LEAD needs rows that have not arrived yet, so with LEAD each row is held back until the row it
/// reads arrives (or the input ends, when the default applies) and rows then leave in order.
/// </summary>
internal sealed class RowFunctionOperator
{
    private readonly RowFunctionSpec[] _functions;
    private readonly bool _hasLead;
    private readonly int _maxLead;
    private readonly Dictionary<byte[], Partition>[] _partitions;
    private readonly Dictionary<byte[], Pending> _pendingByPartition = new(ByteKeyComparer.Instance);
    private readonly SqlKeyWriter _keyWriter = new();

    public RowFunctionOperator(RowFunctionSpec[] functions)
    {
        _functions = functions;
        _hasLead = functions.Any(f => f.IsLead);
        _maxLead = functions.Where(f => f.IsLead).Select(f => f.Offset).DefaultIfEmpty(0).Max();
        _partitions = [.. functions.Select(_ => new Dictionary<byte[], Partition>(ByteKeyComparer.Instance))];
    }

    public string? Error { get; private set; }

    /// <summary>True with LEAD: rows wait for later rows and leave through the release callback.</summary>
    public bool HoldsRows => _hasLead;

    /// <summary>
    /// Fills the LAG slots of the row in the context. Without LEAD the row continues at once (returns
    /// true); with LEAD it is held and <paramref name="release"/> is called for every row that
    /// becomes complete, in order. Returns false on an evaluation error (<see cref="Error"/>).
    /// </summary>
    public bool Accept(EvalContext ctx, Func<EvalContext, int> release, out int released)
    {
        released = 0;
        for (var i = 0; i < _functions.Length; i++)
        {
            var f = _functions[i];
            if (f.IsLead) continue;
            if (!PartitionKey(f, ctx)) return false;
            var partition = PartitionFor(i);
            var value = f.Argument.Eval(ctx);
            if (value.IsError) return Fail(value.ErrorMessage);
            if (partition.TryBack(f.Offset, out var previous))
            {
                ctx.Values[f.Slot] = previous;
            }
            else
            {
                var d = f.Default?.Eval(ctx) ?? SqlValue.Null;
                if (d.IsError) return Fail(d.ErrorMessage);
                ctx.Values[f.Slot] = d;
            }
            partition.Push(value.Detach());
        }
        if (!_hasLead) return true;

        // LEAD: all LEAD calls share the first LEAD's partition, as one queue of held rows.
        var lead = _functions.First(f => f.IsLead);
        if (!PartitionKey(lead, ctx)) return false;
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
            if (v.IsError) return Fail(v.ErrorMessage);
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
        while (pending.Rows.Count > 0 && pending.Rows[0].Position + _maxLead <= row.Position)
        {
            var ready = pending.Rows[0];
            pending.Rows.RemoveAt(0);
            released += Release(ready, ctx, release);
        }
        return true;
    }

    /// <summary>Lowers <paramref name="into"/> (per source: partition → offset) to the records of rows waiting for LEAD.</summary>
    public void LowerHeld(Dictionary<int, long>[] into)
    {
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

    /// <summary>End of input: rows still waiting for LEAD get the defaults and leave.</summary>
    public int Finish(EvalContext ctx, Func<EvalContext, int> release)
    {
        var outputs = 0;
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
                outputs += Release(held, ctx, release);
            }
            pending.Rows.Clear();
        }
        return outputs;
    }

    private static int Release(HeldRow held, EvalContext ctx, Func<EvalContext, int> release)
    {
        held.Values.CopyTo(ctx.Values, 0);
        ctx.Record = held.Record;
        ctx.EventTimeMs = held.EventTimeMs;
        var r = release(ctx);
        return r > 0 ? r : 0;
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

    private bool PartitionKey(RowFunctionSpec f, EvalContext ctx)
    {
        _keyWriter.Reset();
        foreach (var p in f.Partition)
        {
            var v = p.Eval(ctx);
            if (v.IsError) return Fail(v.ErrorMessage);
            _keyWriter.Append(v);
        }
        return true;
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

    private bool Fail(string message)
    {
        Error = message;
        return false;
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
