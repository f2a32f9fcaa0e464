using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Aggregates;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>
/// <c>SESSION(ts, gap)</c>: per key, rows less than the gap apart share a window [first, last + gap);
/// a row that bridges two sessions merges them. The store holds each key's sessions: the open ones,
/// and with <c>'update_previous'</c> the closed ones until the watermark passes their end by one gap
/// (Velostream's default allowed lateness for sessions). A late row that falls into a closed session
/// extends it and writes its corrected row at once; one that bridges sessions merges them into the
/// first (an open one if it touches one), and the merged-away sessions' rows already written stay
/// written (Velostream's documented behaviour: consumers keep the latest row per session start).
/// </summary>
internal sealed class SessionWindows : WindowStrategy
{
    private readonly IKeyValueStore<List<Session>> _sessions;
    private readonly long _gap;
    private readonly PriorityQueue<Session, long> _sessionEnds = new();
    // Closed sessions kept for late rows ('update_previous'), by when they are forgotten (end + gap).
    private readonly PriorityQueue<Session, long> _keptUntil = new();

    // Kept as state changes so that measuring it (once per batch) costs nothing. Not the queue's
    // length: a session extended by later rows is queued again under its new end, and its stale
    // entries linger until they are due.
    private int _openSessions;
    private int _keptSessions;

    public SessionWindows(GroupFolder folder, EmitPolicy emit, GroupOutput output, IKeyValueStore<List<Session>> sessions, long gap)
        : base(folder, emit, output)
    {
        _sessions = sessions;
        _gap = gap;
        // A restored store: its open sessions close again when the watermark passes their ends.
        foreach (var (_, list) in sessions.All())
        {
            foreach (var session in list)
            {
                if (session.Closed)
                {
                    _keptSessions++;
                    Keep(session);
                }
                else
                {
                    _sessionEnds.Enqueue(session, session.End);
                    _openSessions++;
                }
                folder.Restored(session.State);
            }
        }
    }

    public override int GroupCount => _openSessions + _keptSessions;

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
        var newStart = t;
        var newEnd = t + _gap;
        var target = MergeTouched(list, t, newEnd);
        if (target is null)
        {
            if (newEnd <= Watermark)
            {
                // Its session would be closed already: with 'update_previous' it is written at once while
                // it is within a gap of the watermark, else the row is late.
                if (LateData != LateDataStrategy.UpdatePrevious || newEnd + _gap <= Watermark)
                {
                    late = true;
                    if (list.Count == 0) _sessions.Delete(key);
                    return 0;
                }
                target = new Session(newStart, newEnd, Folder.NewGroup(), key.ToArray()) { Closed = true };
                list.Add(target);
                _keptSessions++;
            }
            else
            {
                target = new Session(newStart, newEnd, Folder.NewGroup(), key.ToArray());
                list.Add(target);
                _openSessions++;
            }
        }
        else
        {
            target.Start = Math.Min(target.Start, newStart);
            target.End = Math.Max(target.End, newEnd);
        }
        if (target.Closed && target.End > Watermark)
        {
            // A late row moved a closed session's end past the watermark: it is open again.
            target.Closed = false;
            _keptSessions--;
            _openSessions++;
        }
        Folder.Fold(target.State, row, inputs, t);
        if (target.Closed)
        {
            Keep(target);
            return Output.Emit(target.State, target.Start, target.End) + Output.Flush();
        }
        _sessionEnds.Enqueue(target, target.End);
        Emit.Hold(target.Held, row, inputs);
        return Emit.Updated(target.State, target.Start, target.End);
    }

    /// <summary>
    /// The session the row at <paramref name="t"/> joins, the others it touches merged into it (the
    /// first open one touched, else the first closed one), or null when it touches none.
    /// </summary>
    private Session? MergeTouched(List<Session> list, long t, long newEnd)
    {
        Session? target = null;
        foreach (var s in list)
        {
            if (t < s.End && s.Start < newEnd && (target is null || (target.Closed && !s.Closed))) target = s;
        }
        if (target is null) return null;
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            if (ReferenceEquals(s, target) || !(t < s.End && s.Start < newEnd)) continue;
            // The row bridges two sessions: they become one.
            target.State.Merge(s.State);
            if (!s.Closed) target.Held.Merge(s.Held);
            target.Start = Math.Min(target.Start, s.Start);
            target.End = Math.Max(target.End, s.End);
            s.Gone = true;
            // Its stale queue entries look at Gone only: the merged-away group is reused for sessions to come.
            Folder.Recycle(s.State);
            list.RemoveAt(i--);
            if (s.Closed) _keptSessions--;
            else _openSessions--;
        }
        return target;
    }

    public override void ReportHeld(Dictionary<int, long>[] into)
    {
        if (!Emit.HoldsResults) return;
        foreach (var (_, list) in _sessions.All())
        {
            foreach (var session in list)
            {
                if (!session.Closed) session.Held.LowerInto(into);
            }
        }
    }

    protected override int CloseUpTo(long watermark)
    {
        var outputs = 0;
        while (_sessionEnds.TryPeek(out var session, out var end) && end <= watermark)
        {
            _sessionEnds.Dequeue();
            if (session.Gone || session.Closed || session.End != end) continue;
            outputs += Close(session);
        }
        while (_keptUntil.TryPeek(out var session, out var until) && until <= watermark)
        {
            _keptUntil.Dequeue();
            if (session.Gone || !session.Closed || session.End + _gap != until) continue;
            _keptSessions--;
            Forget(session);
        }
        return outputs + Output.Flush();
    }

    private int Close(Session session)
    {
        _openSessions--;
        var outputs = Emit.Closed(session.State, session.Start, session.End);
        if (LateData == LateDataStrategy.UpdatePrevious)
        {
            session.Closed = true;
            session.Held = new HeldOffsets();
            _keptSessions++;
            Keep(session);
        }
        else
        {
            Forget(session);
        }
        return outputs;
    }

    private void Keep(Session session) => _keptUntil.Enqueue(session, session.End + _gap);

    // Its row is written (rows held for ORDER BY are copies) and its stale queue entries look at Gone only:
    // its group is reused for sessions to come.
    private void Forget(Session session)
    {
        session.Gone = true;
        Folder.Recycle(session.State);
        if (_sessions.TryUpdate(session.Key, out var list))
        {
            list.Remove(session);
            if (list.Count == 0) _sessions.Delete(session.Key);
        }
    }
}
