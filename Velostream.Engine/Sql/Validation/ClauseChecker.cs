using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Validation;

/// <summary>Checks of single clauses: DISTINCT, join kinds and keys, window sizes and time column, LIMIT.</summary>
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
                continue;
            }
            // Both kinds of join are executed as hash lookups on the equality keys in ON.
            if (!Parsing.JoinIntervalRecognizer.Conjuncts(join.Condition).Any(c => IsKeyEquality(context, c, i + 1)))
            {
                context.Error(join.Condition.Location, $"JOIN ... ON needs an equality between a column of '{join.Right.EffectiveAlias}' and a column of an earlier source");
            }
        }
    }

    /// <summary><c>x = y</c> with one side reading the joined source and the other an earlier one (or unqualified, which may be either).</summary>
    private static bool IsKeyEquality(StatementContext context, Expr conjunct, int rightIndex)
    {
        if (conjunct is not BinaryExpr { Operator: BinaryOperator.Equal } equality)
        {
            return false;
        }
        var left = Sides(context, equality.Left);
        var right = Sides(context, equality.Right);
        if (left.Count == 0 || right.Count == 0)
        {
            return false;
        }
        bool Joined(HashSet<int> sides) => sides.Contains(rightIndex) || sides.Contains(-1);
        bool Earlier(HashSet<int> sides) => sides.Any(s => s < rightIndex);
        return (Joined(left) && Earlier(right)) || (Earlier(left) && Joined(right));
    }

    /// <summary>The source indexes an expression reads; -1 for an unqualified column in a join (either side).</summary>
    private static HashSet<int> Sides(StatementContext context, Expr expr) =>
        ExprWalker.DescendantsAndSelf(expr)
            .OfType<ColumnRef>()
            .Select(c => context.Bindings.TryGetValue(c, out var b) && b.Kind == ColumnBindingKind.Source ? b.SourceIndex : -1)
            .ToHashSet();

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
