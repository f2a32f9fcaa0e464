using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>
/// The other spellings of windows Velostream applications use: a frame in OVER, a window written
/// as a GROUP BY item (<c>GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), symbol</c>) and a join's time
/// bound written after ON (<c>JOIN p ON … WITHIN INTERVAL '5' MINUTE</c>).
/// </summary>
internal sealed partial class Parser
{
    // The FROM source of the query being parsed: WITHIN bounds a join by its event time.
    private SourceRef? _from;

    /// <summary><c>ROWS|RANGE BETWEEN bound AND bound</c> or <c>ROWS|RANGE bound</c> (up to the current row), else null.</summary>
    private WindowFrame? TryParseFrame()
    {
        var start = Current;
        if (!start.IsKeyword("ROWS") && !start.IsKeyword("RANGE"))
        {
            return null;
        }
        Advance();
        var isRange = start.IsKeyword("RANGE");
        if (AcceptKeyword("BETWEEN"))
        {
            var low = ParseFrameBound();
            ExpectKeyword("AND");
            var high = ParseFrameBound();
            return new WindowFrame(isRange, low, high, SpanFrom(start));
        }
        var only = ParseFrameBound();
        return new WindowFrame(isRange, only, new FrameBound(FrameBoundKind.CurrentRow, null, only.Location), SpanFrom(start));
    }

    private FrameBound ParseFrameBound()
    {
        var start = Current;
        if (AcceptKeyword("UNBOUNDED"))
        {
            if (AcceptKeyword("PRECEDING")) return new FrameBound(FrameBoundKind.UnboundedPreceding, null, SpanFrom(start));
            if (AcceptKeyword("FOLLOWING")) return new FrameBound(FrameBoundKind.UnboundedFollowing, null, SpanFrom(start));
            throw Error("expected PRECEDING or FOLLOWING");
        }
        if (AcceptKeyword("CURRENT"))
        {
            ExpectKeyword("ROW");
            return new FrameBound(FrameBoundKind.CurrentRow, null, SpanFrom(start));
        }
        var offset = ParseUnary();
        if (AcceptKeyword("PRECEDING")) return new FrameBound(FrameBoundKind.Preceding, offset, SpanFrom(start));
        if (AcceptKeyword("FOLLOWING")) return new FrameBound(FrameBoundKind.Following, offset, SpanFrom(start));
        throw Error("expected PRECEDING or FOLLOWING");
    }

    /// <summary>
    /// Moves a window written as a GROUP BY item (<c>TUMBLE(ts, size)</c>, <c>SESSION(ts, gap)</c>)
    /// to the query's window; the other items stay the grouping keys.
    /// </summary>
    private (IReadOnlyList<Expr> GroupBy, WindowSpec? Window) SplitGroupByWindow(IReadOnlyList<Expr> groupBy, WindowSpec? window)
    {
        var keys = new List<Expr>(groupBy.Count);
        foreach (var item in groupBy)
        {
            if (item is not FunctionCall { Name: "TUMBLE" or "SESSION", Over: null } call)
            {
                keys.Add(item);
                continue;
            }
            if (window is not null)
            {
                throw new ParseException(new SqlDiagnostic(call.Location, "a query has one window: GROUP BY " + call.Name + "(…) and a WINDOW clause (or a second window) cannot be combined"));
            }
            if (call.Arguments is not [ColumnRef time, var size])
            {
                throw new ParseException(new SqlDiagnostic(call.Location, $"GROUP BY {call.Name} takes (time_column, {(call.Name == "TUMBLE" ? "size" : "gap")}), found {call.Arguments.Count} argument{(call.Arguments.Count == 1 ? "" : "s")}"));
            }
            var duration = ToDuration(size) ?? TimeSpan.FromSeconds(1);
            window = call.Name == "TUMBLE"
                ? new TumblingWindow(time, duration, call.Location)
                : new SessionWindow(time, duration, call.Location);
        }
        return (keys, window);
    }

    /// <summary>The join's time bound: a BETWEEN in its ON condition, or WITHIN after it (not both).</summary>
    private JoinInterval? JoinTimeBound(Expr condition, SourceRef right)
    {
        var between = JoinIntervalRecognizer.Find(condition);
        var within = TryParseWithin(right);
        if (between is not null && within is not null)
        {
            throw new ParseException(new SqlDiagnostic(within.Location, "a join has one time bound: a BETWEEN in ON and WITHIN cannot be combined"));
        }
        return between ?? within;
    }

    /// <summary><c>WITHIN INTERVAL '…'</c> after a join's ON: the joined record's event time within that distance of the FROM record's.</summary>
    private JoinInterval? TryParseWithin(SourceRef right)
    {
        var start = Current;
        if (!AcceptKeyword("WITHIN"))
        {
            return null;
        }
        var bound = ParseUnary();
        var distance = ToDuration(bound) ?? TimeSpan.FromSeconds(1);
        var location = SpanFrom(start);
        var subject = new ColumnRef(right.EffectiveAlias, SystemColumns.EventTime, location);
        var anchor = new ColumnRef(_from!.EffectiveAlias, SystemColumns.EventTime, location);
        return new JoinInterval(subject, anchor, -distance, distance, location);
    }
}
