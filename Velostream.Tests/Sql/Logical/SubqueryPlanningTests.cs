using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Logical;
using Velostream.Tests.Support;

namespace Velostream.Tests.Sql.Logical;

/// <summary>
/// Subqueries are planned as joins against tables: EXISTS / IN as semi joins, NOT EXISTS / NOT IN as
/// anti joins, a scalar subquery as a lookup of the first match; correlated equalities are the key.
/// </summary>
public sealed class SubqueryPlanningTests
{
    private const string With = " WITH ('orders.type' = 'kafka_source', 'blocked.type' = 'kafka_source', 'desks.type' = 'kafka_source')";

    private static QueryPlan Plan(string sql)
    {
        var check = SqlFrontEnd.Check(sql + With, "app.sql");
        Assert.Empty(check.Diagnostics);
        return check.Plans[0];
    }

    private static string Errors(string sql) =>
        string.Join("\n", SqlFrontEnd.Check(sql + With, "app.sql").Diagnostics.Select(d => d.ToString()));

    private static (string Keys, string? Residual, bool LeftOuter, LookupMatch Match) Lookup(QueryPlan plan, int index = 0)
    {
        var joins = new List<LookupJoin>();
        for (LogicalPlan node = plan.Root; node.Inputs.Count > 0; node = node.Inputs[0])
        {
            if (node is LookupJoin j) joins.Insert(0, j);
        }
        var join = joins[index];
        return (string.Join(", ", join.Keys.Select(k => $"{k.Earlier} = {k.Joined}")), join.Residual?.ToString(), join.LeftOuter, join.Match);
    }

    [Fact]
    public void Not_exists_with_a_correlated_equality_is_an_anti_join_keyed_on_it()
    {
        var plan = Plan("SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM blocked b WHERE b.account = o.account AND kind = 'HARD')");

        Assert.Equal(("o.account = b.account", "(b.kind = 'HARD')", false, LookupMatch.None), Lookup(plan));
        Assert.Null(plan.Find<Filter>());
    }

    [Fact]
    public void In_select_is_a_semi_join_on_the_selected_column_and_the_rest_of_where_stays_a_filter()
    {
        var plan = Plan("SELECT id FROM orders WHERE qty > 5 AND account IN (SELECT account FROM blocked WHERE kind = 'SOFT')");

        Assert.Equal(("orders.account = blocked.account", "(blocked.kind = 'SOFT')", false, LookupMatch.First), Lookup(plan));
        Assert.Equal("(orders.qty > 5)", plan.Find<Filter>()!.Predicate.ToString());
    }

    [Fact]
    public void Not_in_select_is_an_anti_join_that_also_drops_a_null_operand()
    {
        var plan = Plan("SELECT id FROM orders WHERE account NOT IN (SELECT account FROM blocked)");

        Assert.Equal(("orders.account = blocked.account", null, false, LookupMatch.None), Lookup(plan));
        Assert.Equal("(orders.account IS NOT NULL)", plan.Find<Filter>()!.Predicate.ToString());
    }

    [Fact]
    public void A_scalar_subquery_is_a_left_lookup_of_the_first_match_and_reads_its_expression()
    {
        var plan = Plan("SELECT id, (SELECT UPPER(name) FROM desks d WHERE d.desk = o.desk) AS desk_name FROM orders o");

        Assert.Equal(("o.desk = d.desk", null, true, LookupMatch.First), Lookup(plan));
        Assert.Equal("UPPER(d.name)", plan.Project.Columns[1].Expression.ToString());
    }

    [Fact]
    public void A_subquery_without_an_equality_scans_the_table_and_so_does_join_on_true()
    {
        var plan = Plan("SELECT o.id FROM orders o LEFT JOIN desks d ON TRUE WHERE EXISTS (SELECT 1 FROM blocked b WHERE b.account = o.account OR b.global)");

        Assert.Equal(("", "TRUE", true, LookupMatch.Every), Lookup(plan, 0));
        Assert.Equal(("", "((b.account = o.account) OR b.global)", false, LookupMatch.First), Lookup(plan, 1));
    }

    [Theory]
    [InlineData("SELECT id FROM orders WHERE qty > 1 OR EXISTS (SELECT 1 FROM blocked)", "app.sql:1:40: error: EXISTS and IN (SELECT …) must be conditions of WHERE, joined by AND (they are planned as semi and anti joins)")]
    [InlineData("SELECT id, (SELECT SUM(qty) FROM blocked b WHERE b.id = o.id) AS s FROM orders o", "app.sql:1:12: error: a scalar subquery with an aggregate is not supported (it would run a query per record); join a table that holds the aggregated values instead")]
    [InlineData("SELECT id FROM orders WHERE id IN (SELECT id, account FROM blocked)", "app.sql:1:29: error: IN (SELECT …) must select exactly one column")]
    [InlineData("SELECT id FROM orders WHERE id IN (SELECT id FROM blocked GROUP BY id)", "app.sql:1:29: error: a subquery with GROUP BY is not supported: a subquery reads one table, filtered by WHERE")]
    [InlineData("SELECT COUNT(*) FROM orders GROUP BY id HAVING id IN (SELECT id FROM blocked)", "app.sql:1:48: error: a subquery may appear only in WHERE or in the SELECT list")]
    [InlineData("SELECT id FROM (SELECT id FROM orders)", "app.sql:1:16: error: a subquery in FROM is not supported (subqueries go in WHERE or SELECT: EXISTS, IN (SELECT …), scalar)")]
    [InlineData("SELECT o.id FROM orders o WHERE EXISTS (SELECT 1 FROM blocked o)", "app.sql:1:63: error: source alias 'o' is used twice; give each source its own alias")]
    public void Shapes_that_would_need_a_query_per_record_are_located_errors(string sql, string error)
    {
        Assert.Equal(error, Errors(sql));
    }

    [Fact]
    public void Runs_against_csv_tables_semi_anti_and_scalar_together()
    {
        using var dir = new TempFolder();
        dir.Write("orders.jsonl", """
            {"id":1,"account":"A1","desk":"FX","qty":10}
            {"id":2,"account":"B7","desk":"EQ","qty":20}
            {"id":3,"account":"C3","desk":"RATES","qty":30}
            {"id":4,"account":null,"desk":"FX","qty":40}
            {"id":5,"account":"A1","desk":"EQ","qty":50}

            """);
        dir.Write("blocked.csv", "account,kind\nB7,HARD\nC3,SOFT\n");
        dir.Write("desks.csv", "desk,name\nFX,Foreign exchange\nEQ,Equities\nEQ,Equities duplicate\n");
        var sql = dir.Write("app.sql", """
            CREATE STREAM cleared AS
            SELECT o.id, (SELECT name FROM desks d WHERE d.desk = o.desk) AS desk_name
            FROM orders o
            WHERE NOT EXISTS (SELECT 1 FROM blocked b WHERE b.account = o.account AND b.kind = 'HARD')
              AND o.account NOT IN (SELECT account FROM blocked x WHERE kind = 'SOFT')
            WITH ('orders.type' = 'file_source', 'orders.path' = 'orders.jsonl',
                  'blocked.type' = 'file_source', 'blocked.path' = 'blocked.csv', 'blocked.format' = 'csv',
                  'desks.type' = 'file_source', 'desks.path' = 'desks.csv', 'desks.format' = 'csv',
                  'cleared.type' = 'file_sink', 'cleared.path' = 'cleared.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            {"id":1,"desk_name":"Foreign exchange"}
            {"id":5,"desk_name":"Equities"}

            """, dir.Read("cleared.jsonl"));
    }
}
