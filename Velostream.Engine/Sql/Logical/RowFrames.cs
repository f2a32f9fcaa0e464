using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Functions;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// The rows a ranking function or an aggregate over rows reads, from its OVER clause (Velostream's
/// <c>ROWS WINDOW BUFFER n ROWS</c> and SQL frames):
/// <list type="bullet">
/// <item>ranking: the partition's last <c>n</c> rows, the row itself included (n = 1000 without BUFFER);</item>
/// <item>an aggregate with a frame <c>ROWS BETWEEN s PRECEDING AND e PRECEDING|CURRENT ROW</c>: those rows, within the buffer when there is one;</item>
/// <item>an aggregate with only a BUFFER: the buffered rows (the last n, the row itself included);</item>
/// <item>an aggregate with <c>RANGE BETWEEN s PRECEDING AND …</c>: the rows by ORDER BY value (<see cref="RangeFrame"/>);</item>
/// <item>an aggregate with neither, or <c>UNBOUNDED PRECEDING</c> without a buffer: every row of the partition so far (a running aggregate).</item>
/// </list>
/// </summary>
internal static class RowFrames
{
    public const int DefaultBufferRows = 1000;
    public const int MaxBufferRows = 1_000_000;

    public static RowFunctionCall Of(FunctionCall call)
    {
        var over = call.Over!;
        int? buffer = over.BufferRows is { } b ? (int)Math.Clamp(b, 1, MaxBufferRows) : null;
        if (FunctionCatalog.Find(call.Name)?.Kind != FunctionKind.Aggregate)
        {
            return new RowFunctionCall(call, false, 0, buffer ?? DefaultBufferRows, RowFunctionKind.Ranking);
        }
        if (over.Frame is { IsRange: true } range && RangeOf(range) is { } byValue)
        {
            return new RowFunctionCall(call, false, 0, 0, RowFunctionKind.Aggregate) { Range = byValue };
        }
        var start = -1;
        var end = 0;
        if (over.Frame is { } frame)
        {
            start = Distance(frame.Start);
            end = Distance(frame.End);
        }
        if (buffer is { } rows)
        {
            // A buffer keeps the last n rows: the frame cannot reach further back.
            start = start < 0 ? rows - 1 : Math.Min(start, rows - 1);
        }
        return new RowFunctionCall(call, false, 0, start < 0 ? 0 : start + 1, RowFunctionKind.Aggregate, start, Math.Min(end, Math.Max(start, 0)));
    }

    /// <summary>The aggregate that carries a function over rows into a GROUP BY row: its value at the group's last row.</summary>
    public static FunctionCall LastRowValue(FunctionCall overCall) =>
        new("LAST_VALUE", [overCall], false, false, null, overCall.Location);

    /// <summary>A RANGE frame with an offset as values (null when neither bound has one: then it counts rows).</summary>
    private static RangeFrame? RangeOf(WindowFrame frame)
    {
        if (frame.Start.Kind != FrameBoundKind.Preceding && frame.End.Kind != FrameBoundKind.Preceding) return null;
        if (frame.Start.Kind != FrameBoundKind.Preceding) return null; // UNBOUNDED … AND n PRECEDING: rejected by validation
        return new RangeFrame(ValueOf(frame.Start), ValueOf(frame.End), frame.Start.Offset is IntervalLiteral);
    }

    /// <summary>The offset of a RANGE bound: a number, or an INTERVAL in milliseconds (0 for CURRENT ROW).</summary>
    public static decimal ValueOf(FrameBound bound) => bound.Offset switch
    {
        IntegerLiteral i => i.Value,
        DecimalLiteral d => d.Value,
        IntervalLiteral t => (decimal)t.Value.TotalMilliseconds,
        _ => 0,
    };

    private static int Distance(FrameBound bound) => bound.Kind switch
    {
        FrameBoundKind.UnboundedPreceding => -1,
        FrameBoundKind.Preceding => (int)((bound.Offset as IntegerLiteral)?.Value ?? 0),
        _ => 0,
    };
}
