using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Functions;
using Velostream.Engine.Sql.Logical;
using Velostream.Engine.Sql.Types;

namespace Velostream.Engine.Sql.Validation;

/// <summary>
/// Checks functions over rows (<c>… OVER (…)</c>): row functions need OVER; a frame belongs to an
/// aggregate, counts rows (<c>ROWS</c>) or spans ORDER BY values (<c>RANGE</c> with an offset) and ends at the current
/// row at the latest (a stream has no later rows yet); the argument of a function over rows is
/// computed per input row, so it may not hold a GROUP BY aggregate.
/// </summary>
internal static class OverChecker
{
    /// <summary>The largest frame offset (<c>n PRECEDING</c>).</summary>
    public const int MaxFrameRows = 1_000_000;

    private const string EndsAfterCurrentRow = "a frame on a stream must end at the current row or before it (FOLLOWING rows have not arrived yet)";

    public static void Check(StatementContext context)
    {
        foreach (var (expr, clause) in context.ClauseExpressions())
        {
            foreach (var call in ExprWalker.DescendantsAndSelf(expr).OfType<FunctionCall>())
            {
                if (call.Over is not null && clause != QueryClause.Select)
                {
                    context.Error(call.Location, $"{call.Name} OVER (…) is only allowed in the SELECT list, not in {FunctionChecker.ClauseName(clause)}");
                    continue;
                }
                CheckCall(context, call);
            }
        }
    }

    private static void CheckCall(StatementContext context, FunctionCall call)
    {
        var signature = FunctionCatalog.Find(call.Name);
        if (signature is null) return;
        if (call.Over is not { } over)
        {
            if (signature.Kind == FunctionKind.WindowRow)
            {
                context.Error(call.Location, $"{call.Name} needs OVER (…), e.g. {call.Name}(…) OVER (PARTITION BY symbol ORDER BY _event_time)");
            }
            return;
        }
        foreach (var argument in call.Arguments)
        {
            if (ExprWalker.DescendantsAndSelf(argument).FirstOrDefault(FunctionChecker.IsGroupingAggregate) is FunctionCall inner)
            {
                context.Error(inner.Location, $"aggregate function {inner.Name} cannot be the argument of {call.Name} OVER (…): functions over rows read each input row");
            }
        }
        if (over.Frame is { } frame)
        {
            if (signature.Kind != FunctionKind.Aggregate)
            {
                context.Error(frame.Location, $"a frame (ROWS BETWEEN …) applies to aggregates over rows, not to {call.Name}");
                return;
            }
            if (frame.IsRange && (frame.Start.Kind == FrameBoundKind.Preceding || frame.End.Kind == FrameBoundKind.Preceding))
            {
                CheckRangeFrame(context, over, frame);
                return;
            }
            CheckFrame(context, frame);
        }
    }

    private static void CheckFrame(StatementContext context, WindowFrame frame)
    {
        foreach (var bound in new[] { frame.Start, frame.End })
        {
            if (bound.Kind is FrameBoundKind.Following or FrameBoundKind.UnboundedFollowing)
            {
                context.Error(bound.Location, EndsAfterCurrentRow);
                return;
            }
            if (bound.Kind == FrameBoundKind.Preceding)
            {
                if (bound.Offset is not IntegerLiteral { Value: >= 0 and <= MaxFrameRows })
                {
                    context.Error(bound.Offset!.Location, $"a frame offset must be an integer literal from 0 to {MaxFrameRows}, found {ExprPrinter.Print(bound.Offset)}");
                    return;
                }
            }
        }
        if (frame.Start.Kind == FrameBoundKind.UnboundedPreceding && frame.End.Kind != FrameBoundKind.CurrentRow)
        {
            context.Error(frame.End.Location, "a frame from UNBOUNDED PRECEDING must end at CURRENT ROW");
            return;
        }
        if (Distance(frame.Start) < Distance(frame.End))
        {
            context.Error(frame.Location, "a frame must start at or before its end");
        }
    }

    /// <summary>
    /// <c>RANGE BETWEEN s PRECEDING AND e PRECEDING|CURRENT ROW</c>: offsets are non-negative number or
    /// INTERVAL literals (both of one kind), measured on the one ORDER BY value; the frame is bounded by
    /// its offset, so a BUFFER does not apply.
    /// </summary>
    private static void CheckRangeFrame(StatementContext context, OverClause over, WindowFrame frame)
    {
        if (frame.Start.Kind != FrameBoundKind.Preceding)
        {
            context.Error(frame.Start.Location, "a RANGE frame with an offset must start at an offset (RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND …): from UNBOUNDED PRECEDING it would keep every row");
            return;
        }
        if (frame.End.Kind is FrameBoundKind.Following or FrameBoundKind.UnboundedFollowing)
        {
            context.Error(frame.End.Location, EndsAfterCurrentRow);
            return;
        }
        foreach (var bound in new[] { frame.Start, frame.End })
        {
            if (bound.Kind != FrameBoundKind.Preceding) continue;
            var valid = bound.Offset switch
            {
                IntegerLiteral { Value: >= 0 } => true,
                DecimalLiteral { Value: >= 0 } => true,
                IntervalLiteral i => i.Value >= TimeSpan.Zero,
                _ => false,
            };
            if (!valid)
            {
                context.Error(bound.Offset!.Location, $"a RANGE frame offset must be a number or INTERVAL literal of 0 or more, found {ExprPrinter.Print(bound.Offset)}");
                return;
            }
        }
        if (frame.End.Kind == FrameBoundKind.Preceding && (frame.Start.Offset is IntervalLiteral) != (frame.End.Offset is IntervalLiteral))
        {
            context.Error(frame.End.Offset!.Location, "both offsets of a RANGE frame must be INTERVALs, or both numbers");
            return;
        }
        if (over.OrderBy.Count != 1)
        {
            context.Error(frame.Location, $"a RANGE frame with an offset needs exactly one ORDER BY expression, the value the offset is measured on (found {over.OrderBy.Count})");
            return;
        }
        if (over.BufferRows is not null)
        {
            context.Error(frame.Location, "a RANGE frame with an offset keeps the rows within its offset: ROWS WINDOW BUFFER does not apply (remove one of them)");
            return;
        }
        var orderBy = over.OrderBy[0].Expression;
        if (new TypeChecker(context).Infer(orderBy).Kind is SqlTypeKind.Varchar or SqlTypeKind.Boolean)
        {
            context.Error(orderBy.Location, $"a RANGE frame with an offset measures a number or a timestamp; ORDER BY {ExprPrinter.Print(orderBy)} is not one");
            return;
        }
        if (RowFrames.ValueOf(frame.Start) < RowFrames.ValueOf(frame.End))
        {
            context.Error(frame.Location, "a frame must start at or before its end");
        }
    }

    // How many rows before the current one a bound lies (preceding bounds only).
    private static long Distance(FrameBound bound) => bound.Kind switch
    {
        FrameBoundKind.UnboundedPreceding => long.MaxValue,
        FrameBoundKind.Preceding => (bound.Offset as IntegerLiteral)?.Value ?? 0,
        _ => 0,
    };
}
