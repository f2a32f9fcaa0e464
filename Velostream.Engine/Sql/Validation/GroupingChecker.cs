using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Validation;

/// <summary>
/// In an aggregating query (GROUP BY or aggregate functions), every column read in SELECT and
/// HAVING must be grouped or inside an aggregate; WINDOW, HAVING and EMIT FINAL need aggregation.
/// </summary>
internal static class GroupingChecker
{
    public static bool IsAggregating(SelectQuery query) =>
        query.GroupBy.Count > 0
        || query.Items.OfType<ExpressionItem>().Any(i => FunctionChecker.ContainsGroupingAggregate(i.Expression))
        || (query.Having is not null && FunctionChecker.ContainsGroupingAggregate(query.Having));

    public static void Check(StatementContext context)
    {
        var query = context.Query;
        if (!IsAggregating(query))
        {
            if (query.Having is not null)
            {
                context.Error(query.Having.Location, "HAVING requires GROUP BY or an aggregate function");
            }
            if (query.Window is not null)
            {
                context.Error(query.Window.Location, "WINDOW requires GROUP BY or an aggregate function");
            }
            else if (query.Emit is { Mode: EmitMode.Final } emit)
            {
                context.Error(emit.Location, "EMIT FINAL requires GROUP BY, WINDOW or an aggregate function");
            }
            return;
        }

        var groupKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in query.GroupBy)
        {
            groupKeys.Add(ExprPrinter.MatchKey(group));
            if (group is ColumnRef column && context.Bindings.TryGetValue(column, out var binding) && binding.Item is { } aliased)
            {
                groupKeys.Add(ExprPrinter.MatchKey(aliased.Expression));
            }
        }

        foreach (var item in query.Items)
        {
            switch (item)
            {
                case WildcardItem wildcard:
                    context.Error(wildcard.Location, "'*' cannot be selected together with GROUP BY or aggregate functions");
                    break;
                case ExpressionItem expressionItem:
                    if (expressionItem.Alias is { } alias && query.GroupBy.Any(g => g is ColumnRef { Qualifier: null } c && c.Name.Equals(alias.Name, StringComparison.OrdinalIgnoreCase)))
                    {
                        break;
                    }
                    CheckGrouped(context, expressionItem.Expression, groupKeys);
                    break;
            }
        }
        if (query.Having is not null)
        {
            CheckGrouped(context, query.Having, groupKeys);
        }
    }

    private static void CheckGrouped(StatementContext context, Expr expr, HashSet<string> groupKeys)
    {
        if (groupKeys.Contains(ExprPrinter.MatchKey(expr)) || FunctionChecker.IsGroupingAggregate(expr))
        {
            return;
        }
        switch (expr)
        {
            case FunctionCall { Name: "TUMBLE_START" or "TUMBLE_END" }:
                return;
            case FunctionCall call when Functions.FunctionCatalog.Find(call.Name) is null:
                // Already reported as unknown; its arguments would only repeat the error.
                return;
            case FunctionCall { Over: not null }:
                // Functions over rows are evaluated per input row (before grouping); the group's
                // row shows the value at its last row.
                return;
            case ColumnRef column:
                if (context.Bindings.TryGetValue(column, out var binding) && binding.Kind == ColumnBindingKind.SelectAlias)
                {
                    return;
                }
                if (column.Name.Equals(SystemColumns.WindowStart, StringComparison.OrdinalIgnoreCase)
                    || column.Name.Equals(SystemColumns.WindowEnd, StringComparison.OrdinalIgnoreCase))
                {
                    if (context.Query.Window is null)
                    {
                        context.Error(column.Location, $"{column.Name} is only available with a WINDOW clause");
                    }
                    return;
                }
                context.Error(column.Location, $"column '{ExprPrinter.Print(column)}' must appear in GROUP BY or be used in an aggregate function");
                return;
        }
        foreach (var child in ExprWalker.Children(expr))
        {
            CheckGrouped(context, child, groupKeys);
        }
    }
}
