using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>
/// Plans subqueries as joins against tables, so that no record ever runs a nested query:
/// <c>[NOT] EXISTS (SELECT … FROM t WHERE c)</c> and <c>x [NOT] IN (SELECT col FROM t WHERE c)</c>, as
/// conditions of WHERE joined by AND, become a semi (anti) join of the query with <c>t</c> on
/// <c>c</c> (and <c>x = col</c>); a scalar <c>(SELECT e FROM t WHERE c)</c> in SELECT or WHERE becomes
/// a lookup join on <c>c</c> that takes the first matching row (NULLs when none) and reads <c>e</c>.
/// The correlated equalities of <c>c</c> become the join key and the rest a residual check (the
/// logical planner splits them as for any join). Inside a subquery an unqualified name is the
/// subquery table's column; outside, the enclosing source's. Shapes that would need a per-record
/// query are located errors.
/// </summary>
internal static class SubqueryRewriter
{
    public static SelectQuery Rewrite(SelectQuery query)
    {
        if (!AllExpressions(query).Any(e => ExprWalker.DescendantsAndSelf(e).Any(x => x is SubqueryExpr)))
        {
            return query;
        }
        foreach (var expr in query.GroupBy.Concat(query.Joins.Select(j => j.Condition)).Concat(query.OrderBy.Select(o => o.Expression))
                     .Concat(query.Having is null ? [] : [query.Having]))
        {
            if (FirstSubquery(expr) is { } misplaced)
            {
                throw Error(misplaced, "a subquery may appear only in WHERE or in the SELECT list");
            }
        }

        var aliases = query.Items.OfType<ExpressionItem>().Where(i => i.Alias is not null).Select(i => i.Alias!.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        // With one source, unqualified names outside the subqueries are that source's (the joins
        // added below must not make them ambiguous).
        var outer = query.Joins.Count == 0 ? query.From.EffectiveAlias : null;
        var joins = new List<JoinClause>(query.Joins);

        Expr? where = null;
        if (query.Where is not null)
        {
            var kept = new List<Expr>();
            foreach (var conjunct in Conjuncts(query.Where))
            {
                var (subquery, negated) = conjunct switch
                {
                    SubqueryExpr { Kind: not SubqueryKind.Scalar } s => (s, s.Negated),
                    UnaryExpr { Operator: UnaryOperator.Not, Operand: SubqueryExpr { Kind: not SubqueryKind.Scalar } s } => (s, !s.Negated),
                    _ => (null, false),
                };
                if (subquery is null)
                {
                    kept.Add(Outer(conjunct, outer, aliases, joins));
                    continue;
                }
                var operand = subquery.Operand is null ? null : Outer(subquery.Operand, outer, aliases, joins);
                joins.Add(SemiJoin(subquery, operand, negated));
                if (negated && operand is not null)
                {
                    // x NOT IN (…) is not true for a NULL x.
                    kept.Add(new IsNullExpr(operand, true, operand.Location));
                }
            }
            where = kept.Count == 0 ? null : kept.Skip(1).Aggregate(kept[0], (a, b) => new BinaryExpr(BinaryOperator.And, a, b, a.Location));
        }

        var items = query.Items.Select(item => item is ExpressionItem e
            ? e with { Expression = Outer(e.Expression, outer, aliases, joins) }
            : item).ToList();
        return query with { Items = items, Joins = joins, Where = where };
    }

    private static IEnumerable<Expr> AllExpressions(SelectQuery query)
    {
        foreach (var item in query.Items.OfType<ExpressionItem>()) yield return item.Expression;
        foreach (var join in query.Joins) yield return join.Condition;
        if (query.Where is not null) yield return query.Where;
        foreach (var g in query.GroupBy) yield return g;
        if (query.Having is not null) yield return query.Having;
        foreach (var o in query.OrderBy) yield return o.Expression;
    }

    private static SubqueryExpr? FirstSubquery(Expr expr) =>
        ExprWalker.DescendantsAndSelf(expr).OfType<SubqueryExpr>().FirstOrDefault();

    private static IEnumerable<Expr> Conjuncts(Expr expr) =>
        expr is BinaryExpr { Operator: BinaryOperator.And } and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right)) : [expr];

    // An expression of the enclosing query: its scalar subqueries become lookup joins, and its
    // unqualified columns are qualified with the one source's alias (SELECT aliases excepted).
    private static Expr Outer(Expr expr, string? outer, HashSet<string> aliases, List<JoinClause> joins) =>
        ExprRewriter.Map(expr, node => node switch
        {
            SubqueryExpr { Kind: SubqueryKind.Scalar } s => ScalarLookup(s, joins),
            SubqueryExpr s => throw Error(s, "EXISTS and IN (SELECT …) must be conditions of WHERE, joined by AND (they are planned as semi and anti joins)"),
            ColumnRef { Qualifier: null, IsSystem: false } c when outer is not null && !aliases.Contains(c.Name) => c with { Qualifier = outer },
            _ => null,
        });

    private static JoinClause SemiJoin(SubqueryExpr subquery, Expr? operand, bool negated)
    {
        var query = CheckShape(subquery);
        var table = query.From.EffectiveAlias;
        var condition = query.Where is null ? null : Inner(query.Where, table);
        if (operand is not null)
        {
            if (query.Items is not [ExpressionItem item])
            {
                throw Error(subquery, "IN (SELECT …) must select exactly one column");
            }
            var key = new BinaryExpr(BinaryOperator.Equal, operand, Inner(item.Expression, table), subquery.Location);
            condition = condition is null ? key : new BinaryExpr(BinaryOperator.And, key, condition, subquery.Location);
        }
        return new JoinClause(negated ? JoinKind.Anti : JoinKind.Semi, query.From,
            condition ?? new BooleanLiteral(true, subquery.Location), null, subquery.Location);
    }

    private static Expr ScalarLookup(SubqueryExpr subquery, List<JoinClause> joins)
    {
        var query = CheckShape(subquery);
        if (query.Items is not [ExpressionItem item])
        {
            throw Error(subquery, "a scalar subquery must select exactly one expression");
        }
        if (FunctionChecker.ContainsGroupingAggregate(item.Expression))
        {
            throw Error(subquery, "a scalar subquery with an aggregate is not supported (it would run a query per record); join a table that holds the aggregated values instead");
        }
        var table = query.From.EffectiveAlias;
        var condition = query.Where is null ? new BooleanLiteral(true, subquery.Location) : Inner(query.Where, table);
        joins.Add(new JoinClause(JoinKind.Scalar, query.From, condition, null, subquery.Location));
        return Inner(item.Expression, table);
    }

    // A subquery reads one table and filters it: nothing a lookup cannot do.
    private static SelectQuery CheckShape(SubqueryExpr subquery)
    {
        var q = subquery.Query;
        string? clause = q.Joins.Count > 0 ? "JOIN"
            : q.GroupBy.Count > 0 ? "GROUP BY"
            : q.Having is not null ? "HAVING"
            : q.Window is not null ? "WINDOW"
            : q.OrderBy.Count > 0 ? "ORDER BY"
            : q.Limit is not null ? "LIMIT"
            : q.Emit is not null ? "EMIT"
            : null;
        if (clause is not null)
        {
            throw Error(subquery, $"a subquery with {clause} is not supported: a subquery reads one table, filtered by WHERE");
        }
        if (q.Items.Any(i => i is WildcardItem) && subquery.Kind != SubqueryKind.Exists)
        {
            throw Error(subquery, "a subquery must name the column it selects");
        }
        return q;
    }

    // An expression of the subquery: its unqualified columns are the subquery table's.
    private static Expr Inner(Expr expr, string table) =>
        ExprRewriter.Map(expr, node => node is ColumnRef { Qualifier: null, IsSystem: false } c ? c with { Qualifier = table } : null);

    private static ParseException Error(SubqueryExpr at, string message) => new(new SqlDiagnostic(at.Location, message));
}
