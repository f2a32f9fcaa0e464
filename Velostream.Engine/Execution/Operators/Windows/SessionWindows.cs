using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Aggregates;
using Velostream.Engine.Execution.State;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>
/// <c>SESSION(ts, gap)</c>: per key, rows less than the gap apart share a window [first, last + gap);
/// a row that bridges two sessions merges them. The store holds each key's open sessions.
/// </summary>
internal sealed class SessionWindows : WindowStrategy
{
    private readonly IKeyValueStore<List<Session>> _sessions;
    private readonly long _gap;
    private readonly PriorityQueue<Session, long> _sessionEnds = new();

    // Kept as state changes so that measuring it (once per batch) costs nothing. Not the queue's
    // length: a session extended by later rows is queued again under its new end, and its stale
    // entries linger until they are due.
    private int _openSessions;

    public SessionWindows(GroupFolder folder, EmitPolicy emit, GroupOutput output, IKeyValueStore<List<Session>> sessions, long gap)
        : base(folder, emit, output)
    {
        _sessions = sessions;
        _gap = gap;
        // A restored store: its sessions close again when the watermark passes their ends.
        foreach (var (_, list) in sessions.All())
        {
            foreach (var session in list)
            {
                _sessionEnds.Enqueue(session, session.End);
                _openSessions++;
                folder.Restored(session.State);
            }
        }
    }

    public override int GroupCount => _openSessions;

    public override int? OpenWindows => _openSessions;

    public override int Accept(EvalContext row, LineageSample? inputs, long t, out bool late)
    {
        late = false;
        var key = Folder.Key;
        if (!_sessions.TryUpdate(key, out var list))
        {
            list = [];
            _sessions.Put(key, list);
        }
        Session? target = null;
        var newStart = t;
        var newEnd = t + _gap;
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
                }
            }
        }
        if (target is null)
        {
            if (newEnd <= Watermark)
            {
                late = true;
                return 0;
            }
            target = new Session(newStart, newEnd, Folder.NewGroup(), key.ToArray());
            list.Add(target);
            _openSessions++;
        }
        else
        {
            target.Start = Math.Min(target.Start, newStart);
            target.End = Math.Max(target.End, newEnd);
        }
        _sessionEnds.Enqueue(target, target.End);
        Emit.Hold(target.Held, row, inputs);
        Folder.Fold(target.State, row, inputs, t);
        return Emit.Updated(target.State, target.Start, target.End);
    }

    public override void ReportHeld(Dictionary<int, long>[] into)
    {
        if (!Emit.HoldsResults) return;
        foreach (var (_, list) in _sessions.All())
        {
            foreach (var session in list)
            {
                session.Held.LowerInto(into);
            }
        }
    }

    protected override int CloseUpTo(long watermark)
    {
        var outputs = 0;
        while (_sessionEnds.TryPeek(out var session, out var end) && end <= watermark)
        {
            _sessionEnds.Dequeue();
            if (session.Closed || session.End != end) continue;
            outputs += Close(session);
        }
        return outputs + Output.Flush();
    }

    private int Close(Session session)
    {
        session.Closed = true;
        _openSessions--;
        if (_sessions.TryUpdate(session.Key, out var list))
        {
            list.Remove(session);
            if (list.Count == 0) _sessions.Delete(session.Key);
        }
        return Emit.Closed(session.State, session.Start, session.End);
    }
}
