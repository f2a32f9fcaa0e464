using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Validation;

/// <summary>State shared by the checks of one statement: its sources, bindings and collected diagnostics.</summary>
internal sealed class StatementContext(Statement statement, List<SqlDiagnostic> diagnostics)
{
    public Statement Statement { get; } = statement;

    public SelectQuery Query => Statement.Query;

    /// <summary>The SQL file's folder, against which configuration files it names are read (null: the working directory).</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The application's other statements by the stream or table they produce (CREATE … AS SELECT, INSERT INTO).</summary>
    public IReadOnlyDictionary<string, Statement> Producers { get; init; } = new Dictionary<string, Statement>();

    /// <summary>The other statement producing <paramref name="name"/>, if any.</summary>
    public Statement? ProducerOf(string name) =>
        Producers.TryGetValue(name, out var producer) && !ReferenceEquals(producer, Statement) ? producer : null;

    /// <summary>FROM first, then each JOIN's right side.</summary>
    public IReadOnlyList<SourceRef> Sources { get; } = [statement.Query.From, .. statement.Query.Joins.Select(j => j.Right)];

    public Dictionary<ColumnRef, ColumnBinding> Bindings { get; } = new(ReferenceEqualityComparer.Instance);

    public void Error(SourceLocation location, string message) => diagnostics.Add(new SqlDiagnostic(location, message));

    /// <summary>Every expression written in the query, with the clause it appears in.</summary>
    public IEnumerable<(Expr Expr, QueryClause Clause)> ClauseExpressions()
    {
        foreach (var item in Query.Items.OfType<ExpressionItem>())
        {
            yield return (item.Expression, QueryClause.Select);
        }
        foreach (var join in Query.Joins)
        {
            yield return (join.Condition, QueryClause.JoinOn);
        }
        if (Query.Where is not null)
        {
            yield return (Query.Where, QueryClause.Where);
        }
        foreach (var group in Query.GroupBy)
        {
            yield return (group, QueryClause.GroupBy);
        }
        if (Query.Having is not null)
        {
            yield return (Query.Having, QueryClause.Having);
        }
        if (Query.Window?.TimeColumn is { } timeColumn)
        {
            yield return (timeColumn, QueryClause.Window);
        }
        foreach (var order in Query.OrderBy)
        {
            yield return (order.Expression, QueryClause.OrderBy);
        }
        if (Query.Limit is not null)
        {
            yield return (Query.Limit, QueryClause.Limit);
        }
    }
}
