using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Validation;

/// <summary>Checks of single clauses: DISTINCT, join kinds, window sizes and time column, LIMIT.</summary>
internal static class ClauseChecker
{
    public static void Check(StatementContext context)
    {
        CheckJoins(context);
        CheckWindow(context);
        CheckLimit(context);
    }

    private static void CheckJoins(StatementContext context)
    {
        if (context.Query.Distinct)
        {
            context.Error(context.Query.Location with { Length = 6 }, "SELECT DISTINCT is not supported; use GROUP BY on the columns instead");
        }
        if (context.Query.Joins.Count > 1 && context.Query.Joins.FirstOrDefault(j => j.Interval is not null) is { } intervalJoin)
        {
            context.Error(intervalJoin.Location, "a stream-stream interval join cannot be combined with other joins in one query");
        }
        for (var i = 0; i < context.Query.Joins.Count; i++)
        {
            var join = context.Query.Joins[i];
            if (join.Kind is JoinKind.Right or JoinKind.Full)
            {
                context.Error(join.Location, join.Kind == JoinKind.Right
                    ? "RIGHT JOIN is not supported; swap the sources and use LEFT JOIN"
                    : "FULL JOIN is not supported; use JOIN or LEFT JOIN");
            }
        }
        // That each ON holds a key equality is checked on the logical plan, where columns resolve to sources.
    }

    private static void CheckWindow(StatementContext context)
    {
        switch (context.Query.Window)
        {
            case TumblingWindow tumbling:
                RequirePositive(context, tumbling.Size, tumbling.Location, "TUMBLING window size");
                break;
            case SlidingWindow sliding:
                RequirePositive(context, sliding.Size, sliding.Location, "SLIDING window size");
                RequirePositive(context, sliding.Advance, sliding.Location, "SLIDING window advance");
                if (sliding.Advance > sliding.Size)
                {
                    context.Error(sliding.Location, $"SLIDING window advance ({DurationText.Format(sliding.Advance)}) must not exceed its size ({DurationText.Format(sliding.Size)})");
                }
                break;
            case SessionWindow session:
                RequirePositive(context, session.Gap, session.Location, "SESSION window gap");
                break;
        }
        if (context.Query.Window?.TimeColumn is { } column
            && (column.Name.Equals(SystemColumns.WindowStart, StringComparison.OrdinalIgnoreCase)
                || column.Name.Equals(SystemColumns.WindowEnd, StringComparison.OrdinalIgnoreCase)))
        {
            context.Error(column.Location, $"{column.Name} cannot be the window's time column; name an event-time column or _event_time");
        }
    }

    private static void RequirePositive(StatementContext context, TimeSpan value, SourceLocation location, string what)
    {
        if (value <= TimeSpan.Zero)
        {
            context.Error(location, $"{what} must be greater than zero, found {DurationText.Format(value)}");
        }
    }

    private static void CheckLimit(StatementContext context)
    {
        if (context.Query.Limit is { } limit && limit is not IntegerLiteral { Value: > 0 })
        {
            context.Error(limit.Location, $"LIMIT must be a positive integer, found {ExprPrinter.Print(limit)}");
        }
    }
}
