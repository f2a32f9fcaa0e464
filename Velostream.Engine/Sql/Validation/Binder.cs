using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Validation;

/// <summary>
/// Resolves every column reference to the source it reads (or the SELECT alias it names), so
/// execution need not repeat name resolution. Sources have no declared schema, so only
/// qualifiers can be checked; an unqualified name in a join stays <see cref="ColumnBindingKind.AnySource"/>.
/// </summary>
internal static class Binder
{
    public static void Bind(StatementContext context)
    {
        CheckDuplicateAliases(context);
        var aliases = context.Query.Items
            .OfType<ExpressionItem>()
            .Where(i => i.Alias is not null && !(i.Expression is ColumnRef c && c.Qualifier is null && c.Name.Equals(i.Alias.Name, StringComparison.OrdinalIgnoreCase)))
            .GroupBy(i => i.Alias!.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        foreach (var wildcard in context.Query.Items.OfType<WildcardItem>())
        {
            if (wildcard.Qualifier is { } qualifier && FindSource(context, qualifier) < 0)
            {
                context.Error(wildcard.Location, $"unknown source or alias '{qualifier}'");
            }
        }

        // Velostream semantics: a SELECT item may use the alias of an item before it
        // (`price / avg AS ratio, ratio * 100 AS pct`); the alias is that item's expression.
        var earlier = new Dictionary<string, ExpressionItem>(StringComparer.OrdinalIgnoreCase);
        var selectItems = context.Query.Items.OfType<ExpressionItem>().ToList();
        var selectIndex = 0;
        foreach (var (expr, clause) in context.ClauseExpressions())
        {
            var aliasesVisible = clause is QueryClause.GroupBy or QueryClause.Having or QueryClause.OrderBy;
            foreach (var column in ExprWalker.DescendantsAndSelf(expr).OfType<ColumnRef>())
            {
                Bind(context, column, aliasesVisible ? aliases : clause == QueryClause.Select ? earlier : null);
            }
            if (clause == QueryClause.Select && selectIndex < selectItems.Count)
            {
                AddEarlierAlias(earlier, selectItems[selectIndex++], aliases);
            }
        }
    }

    private static void AddEarlierAlias(Dictionary<string, ExpressionItem> earlier, ExpressionItem item, Dictionary<string, ExpressionItem> aliases)
    {
        if (item.Alias is { } alias && aliases.TryGetValue(alias.Name, out var named) && ReferenceEquals(named, item))
        {
            earlier.TryAdd(alias.Name, item);
        }
    }

    private static void Bind(StatementContext context, ColumnRef column, Dictionary<string, ExpressionItem>? aliases)
    {
        if (column.Qualifier is { } qualifier)
        {
            var index = FindSource(context, qualifier);
            if (index < 0)
            {
                context.Error(column.Location, $"unknown source or alias '{qualifier}' in '{qualifier}.{column.Name}'");
                return;
            }
            context.Bindings[column] = new ColumnBinding(column, ColumnBindingKind.Source, index, null);
            return;
        }
        if (aliases is not null && aliases.TryGetValue(column.Name, out var item))
        {
            context.Bindings[column] = new ColumnBinding(column, ColumnBindingKind.SelectAlias, -1, item);
            return;
        }
        if (!context.Query.HasFrom && !column.IsSystem)
        {
            context.Error(column.Location, $"column '{column.Name}' has no source: a SELECT without FROM computes constants only");
            return;
        }
        context.Bindings[column] = context.Sources.Count == 1
            ? new ColumnBinding(column, ColumnBindingKind.Source, 0, null)
            : new ColumnBinding(column, ColumnBindingKind.AnySource, -1, null);
    }

    /// <summary>The index of the source whose alias (or, failing that, name) is <paramref name="qualifier"/>; -1 if none.</summary>
    public static int FindSource(StatementContext context, string qualifier)
    {
        for (var i = 0; i < context.Sources.Count; i++)
        {
            if (string.Equals(context.Sources[i].EffectiveAlias, qualifier, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        for (var i = 0; i < context.Sources.Count; i++)
        {
            if (string.Equals(context.Sources[i].Name.Name, qualifier, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    private static void CheckDuplicateAliases(StatementContext context)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in context.Sources)
        {
            if (!seen.Add(source.EffectiveAlias))
            {
                context.Error((source.Alias ?? source.Name).Location, $"source alias '{source.EffectiveAlias}' is used twice; give each source its own alias");
            }
        }
    }
}
