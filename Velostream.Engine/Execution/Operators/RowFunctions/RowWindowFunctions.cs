using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Operators.Aggregates.States;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Sql.Logical;

namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>
/// The value of a ranking function or an aggregate over rows for the row just read: the row joins
/// its partition's <see cref="RowWindow"/>, then the function reads the window. Ranks are among
/// the buffered rows (the row itself included) in the OVER's ORDER BY: <c>RANK</c> = 1 + rows
/// ordered before it, <c>DENSE_RANK</c> = 1 + distinct values ordered before it, <c>ROW_NUMBER</c> = its
/// place with ties in arrival order (it arrived last), <c>PERCENT_RANK</c> = (RANK - 1) / (rows - 1).
/// </summary>
internal static class RowWindowFunctions
{
    public static RowWindow NewWindow(RowFunctionSpec f) =>
        f.Range is not null ? new RowWindow(0, null) { Range = new RangeFrameRows() }
        : f.Kind == RowFunctionKind.Aggregate && f.FrameStart < 0
            ? new RowWindow(0, AggregateFunctions.Create(f.Aggregate))
            : new RowWindow(f.BufferRows, null);

    /// <summary>Adds the row in <paramref name="ctx"/> to <paramref name="window"/> and returns the function's value, or an error value.</summary>
    public static SqlValue Push(RowFunctionSpec f, RowWindow window, EvalContext ctx)
    {
        return f.Kind == RowFunctionKind.Ranking ? Rank(f, window, ctx) : Aggregate(f, window, ctx);
    }

    private static SqlValue Aggregate(RowFunctionSpec f, RowWindow window, EvalContext ctx)
    {
        var value = f.Aggregate == AggregateKind.CountStar ? SqlValue.FromLong(1) : f.Argument.Eval(ctx);
        if (value.IsError) return value;
        if (AggregateFunctions.NeedsNumber(f.Aggregate) && !value.IsNull && !value.IsNumeric)
        {
            return SqlValue.Error($"{f.Name} needs a number, got {SqlArithmetic.Name(value.Kind)} '{value}'");
        }
        if (window.Range is { } range)
        {
            return RangeAggregate(f, range, value, ctx);
        }
        if (window.Running is { } running)
        {
            running.Add(value.Detach(), window.Count++);
            return running.Result();
        }
        window.Push([value.Detach()]);
        var state = AggregateFunctions.Create(f.Aggregate);
        var last = Math.Min(f.FrameStart, window.Held - 1);
        for (var back = last; back >= f.FrameEnd; back--)
        {
            state.Add(window.Back(back)[0], window.Count - back);
        }
        return state.Result();
    }

    // RANGE frame: by the ORDER BY value (negated for DESC, so PRECEDING is always "before" in the order).
    private static SqlValue RangeAggregate(RowFunctionSpec f, RangeFrameRows range, in SqlValue value, EvalContext ctx)
    {
        var orderValue = f.OrderBy[0].Eval(ctx);
        if (orderValue.IsError) return orderValue;
        var checkedValue = RangeFrameRows.OrderValue(orderValue, out var order);
        if (checkedValue.IsError) return checkedValue;
        var state = AggregateFunctions.Create(f.Aggregate);
        if (checkedValue.IsNull)
        {
            // SQL's frame of a NULL ORDER BY value is its NULL peers; a stream keeps none: the row alone.
            state.Add(value.Detach(), 0);
            return state.Result();
        }
        return range.Push(f.Range!, state, f.Descending[0] ? -order : order, value.Detach());
    }

    private static SqlValue Rank(RowFunctionSpec f, RowWindow window, EvalContext ctx)
    {
        var key = new SqlValue[f.OrderBy.Length];
        for (var i = 0; i < key.Length; i++)
        {
            var v = f.OrderBy[i].Eval(ctx);
            if (v.IsError) return v;
            key[i] = v.Detach();
        }
        window.Push(key);
        var held = window.Held;
        var before = 0;
        var ties = 0;
        List<SqlValue[]>? lower = f.Name == "DENSE_RANK" ? [] : null;
        for (var back = 1; back < held; back++)
        {
            var other = window.Back(back);
            var c = Compare(f, other, key);
            if (c < 0)
            {
                before++;
                lower?.Add(other);
            }
            else if (c == 0)
            {
                ties++;
            }
        }
        return f.Name switch
        {
            "ROW_NUMBER" => SqlValue.FromLong(before + ties + 1),
            "RANK" => SqlValue.FromLong(before + 1),
            "DENSE_RANK" => SqlValue.FromLong(DistinctCount(f, lower!) + 1),
            _ => SqlValue.FromDouble(held <= 1 ? 0.0 : before / (double)(held - 1)),
        };
    }

    private static int DistinctCount(RowFunctionSpec f, List<SqlValue[]> keys)
    {
        keys.Sort((a, b) => Compare(f, a, b));
        var distinct = 0;
        for (var i = 0; i < keys.Count; i++)
        {
            if (i == 0 || Compare(f, keys[i - 1], keys[i]) != 0) distinct++;
        }
        return distinct;
    }

    // The OVER's ORDER BY: NULLs first ascending (as ORDER BY orders output rows), DESC reverses.
    private static int Compare(RowFunctionSpec f, SqlValue[] a, SqlValue[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = SqlComparison.CompareForOrder(a[i], b[i]);
            if (c != 0) return f.Descending[i] ? -c : c;
        }
        return 0;
    }
}
