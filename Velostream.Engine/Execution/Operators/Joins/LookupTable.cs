using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Formats.Keys;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Joins;

/// <summary>
/// The table side of a stream–table join: every row of the table source, loaded before the stream
/// starts and indexed by its join key. A stream row probes it by the bytes of its own key values
/// (no allocation); matching rows are copied into the joined row's slots for that source. The rows
/// are kept in a state store, by join key. A record with a message key (a Kafka table) replaces the
/// row loaded earlier under that key, and one with a key and no value (a tombstone) removes it, as
/// a compacted topic reads; rows without a key (a file) are all kept.
/// </summary>
internal sealed class LookupTable
{
    private readonly IKeyValueStore<List<SqlValue[]>> _rows;
    private readonly SqlKeyWriter _keyWriter = new();
    // Per message key (hex), the row it loaded and that row's join key: what an update or tombstone replaces.
    private readonly Dictionary<string, (byte[] JoinKey, SqlValue[] Row)> _byMessageKey = new(StringComparer.Ordinal);

    public LookupTable(int sourceIndex, int slotOffset, int slotCount, Evaluator[] tableKeys, Evaluator[] streamKeys, Evaluator? residual, bool leftOuter, IKeyValueStore<List<SqlValue[]>> rows)
    {
        _rows = rows;
        RowCount = rows.All().Sum(p => p.Value.Count);
        SourceIndex = sourceIndex;
        SlotOffset = slotOffset;
        SlotCount = slotCount;
        TableKeys = tableKeys;
        StreamKeys = streamKeys;
        Residual = residual;
        LeftOuter = leftOuter;
    }

    public int SourceIndex { get; }
    public int SlotOffset { get; }
    public int SlotCount { get; }
    public Evaluator[] TableKeys { get; }
    public Evaluator[] StreamKeys { get; }

    /// <summary>ON conditions beyond the key equalities, checked per matching row.</summary>
    public Evaluator? Residual { get; }

    public bool LeftOuter { get; }

    public int RowCount { get; private set; }

    /// <summary>Adds the table row held in the context's slots (replacing its message key's earlier row). Returns an error message, or null.</summary>
    public string? Load(EvalContext ctx)
    {
        var messageKey = ctx.Record.Key.Length > 0 ? Convert.ToHexString(ctx.Record.Key.Span) : null;
        if (messageKey is not null) Remove(messageKey);
        if (!TryKey(TableKeys, ctx, out var error))
        {
            // A NULL key can never match: the row is kept out of the index.
            return error;
        }
        var copy = new SqlValue[SlotCount];
        for (var i = 0; i < SlotCount; i++)
        {
            copy[i] = ctx.Values[SlotOffset + i].Detach();
        }
        if (!_rows.TryUpdate(_keyWriter.Written, out var list))
        {
            list = [];
            _rows.Put(_keyWriter.Written, list);
        }
        list.Add(copy);
        RowCount++;
        if (messageKey is not null) _byMessageKey[messageKey] = (_keyWriter.Written.ToArray(), copy);
        return null;
    }

    /// <summary>A tombstone: removes the row loaded under <paramref name="messageKey"/>, if any.</summary>
    public void Delete(ReadOnlySpan<byte> messageKey) => Remove(Convert.ToHexString(messageKey));

    private void Remove(string messageKey)
    {
        if (!_byMessageKey.Remove(messageKey, out var old) || !_rows.TryUpdate(old.JoinKey, out var list)) return;
        if (!list.Remove(old.Row)) return;
        RowCount--;
        if (list.Count == 0) _rows.Delete(old.JoinKey);
    }

    /// <summary>The table rows matching the stream row in the context (null when none, or on error).</summary>
    public List<SqlValue[]>? Probe(EvalContext ctx, out string? error)
    {
        if (!TryKey(StreamKeys, ctx, out error)) return null;
        return _rows.TryRead(_keyWriter.Written, out var list) ? list : null;
    }

    private bool TryKey(Evaluator[] keys, EvalContext ctx, out string? error)
    {
        error = null;
        _keyWriter.Reset();
        foreach (var k in keys)
        {
            var v = k.Eval(ctx);
            if (v.IsError)
            {
                error = v.ErrorMessage;
                return false;
            }
            if (v.IsNull) return false;
            _keyWriter.Append(v);
        }
        return true;
    }
}
