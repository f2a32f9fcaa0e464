using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// The sources a column reads, given the bindings and what is known of each source's columns: its
/// bound source; for an unqualified name in a join, the source whose columns include it (else every
/// schemaless source, read in order until one has the field); none for a SELECT alias.
/// </summary>
internal sealed class ColumnResolver(BoundStatement bound, IReadOnlyList<SourceSchema> schemas)
{
    public IReadOnlyList<int> SourcesOf(ColumnRef column)
    {
        if (bound.Bindings.TryGetValue(column, out var binding))
        {
            switch (binding.Kind)
            {
                case ColumnBindingKind.Source:
                    return [binding.SourceIndex];
                case ColumnBindingKind.SelectAlias:
                    return [];
            }
        }
        else if (column.Qualifier is { } qualifier)
        {
            // A column the planner made itself (SELECT t.* expanded): its qualifier names a source.
            for (var i = 0; i < bound.Sources.Count; i++)
            {
                if (Matches(bound.Sources[i], qualifier)) return [i];
            }
            throw new InvalidOperationException($"the binder left qualifier '{qualifier}' unresolved");
        }
        for (var i = 0; i < schemas.Count; i++)
        {
            if (schemas[i].Columns?.Contains(column.Name, StringComparer.OrdinalIgnoreCase) == true) return [i];
        }
        return [.. Enumerable.Range(0, schemas.Count).Where(i => !schemas[i].HasColumns || schemas[i].ColumnsPending)];
    }

    /// <summary>The SELECT item's expression when <paramref name="expr"/> names its alias, else <paramref name="expr"/>.</summary>
    public Expr Unalias(Expr expr) =>
        expr is ColumnRef c && bound.Bindings.TryGetValue(c, out var b) && b.Kind == ColumnBindingKind.SelectAlias
            ? b.Item!.Expression
            : expr;

    /// <summary>The aliased SELECT item when <paramref name="column"/> names one, else null.</summary>
    public ExpressionItem? AliasOf(ColumnRef column) =>
        bound.Bindings.TryGetValue(column, out var b) && b.Kind == ColumnBindingKind.SelectAlias ? b.Item : null;

    public static bool Matches(SourceRef source, string qualifier) =>
        string.Equals(source.EffectiveAlias, qualifier, StringComparison.OrdinalIgnoreCase)
        || string.Equals(source.Name.Name, qualifier, StringComparison.OrdinalIgnoreCase);
}
