using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Logical;
using Velostream.Engine.Sql.Parsing;
using Velostream.Engine.Sql.Types;

namespace Velostream.Tests.Sql;

/// <summary>SELECT … UNION ALL SELECT …: parsing, and the column agreement validate checks.</summary>
public sealed class UnionAllTests
{
    private const string With = "WITH ('a.type' = 'kafka_source', 'b.type' = 'kafka_source', 'c.type' = 'kafka_source')";

    private static IReadOnlyList<Engine.Sql.Syntax.SqlDiagnostic> Check(string sql) => SqlFrontEnd.Check(sql, "u.sql").Diagnostics;

    [Fact]
    public void Each_select_is_kept_in_written_order_and_with_belongs_to_the_statement()
    {
        var parsed = SqlApplicationParser.Parse($"SELECT id, 1 AS n FROM a UNION ALL SELECT id, 2 FROM b UNION ALL SELECT id, 3 FROM c {With}", "u.sql");

        var query = Assert.Single(parsed.Application.Statements).Query;
        Assert.Equal(["b", "c"], query.UnionAll.Select(q => q.From.Name.Name));
        Assert.Equal([(1, 26), (1, 56)], query.UnionLocations.Select(l => (l.Line, l.Column)));
        Assert.Equal(3, parsed.Application.Statements[0].Properties.Items.Count);
        Assert.Empty(Check($"SELECT id, 1 AS n FROM a UNION ALL SELECT id, 2 FROM b UNION ALL SELECT id, 3 FROM c {With}"));
    }

    [Fact]
    public void The_plan_is_a_union_of_the_selects_writing_the_first_selects_names_with_numbers_widened()
    {
        var bound = Assert.Single(SqlFrontEnd.Check($"SELECT id, COUNT(*) AS n FROM a GROUP BY id UNION ALL SELECT id, AVG(CAST(price AS DOUBLE)) FROM b GROUP BY id UNION ALL SELECT id, SUM(CAST(qty AS BIGINT)) FROM c GROUP BY id {With}", "u.sql").Statements);

        var union = LogicalPlanner.PlanSelects(bound).Union!;

        Assert.Equal(3, union.Inputs.Count);
        Assert.All(union.Selects, select => Assert.Equal(["id", "n"], select.OutputColumns!));
        // COUNT and SUM give BIGINT, AVG over a DOUBLE gives DOUBLE: the BIGINT columns are cast to DOUBLE, the DOUBLE one is left alone.
        Assert.Equal([SqlTypeKind.Double, null, SqlTypeKind.Double],
            union.Selects.Select(select => (select.Project.Columns[1].Expression as CastExpr)?.TargetType.Kind));
    }

    [Fact]
    public void Numbers_of_different_kinds_share_a_column()
    {
        Assert.Empty(Check($"SELECT 'x' AS k, COUNT(*) AS n FROM a UNION ALL SELECT 'y', AVG(price) FROM b {With}"));
    }

    [Fact]
    public void A_different_number_of_columns_is_an_error_at_the_select()
    {
        var error = Assert.Single(Check($"SELECT id, 1 AS n FROM a\nUNION ALL\nSELECT id FROM b {With}"));

        Assert.Equal((3, 1), (error.Location.Line, error.Location.Column));
        Assert.Equal("UNION ALL: this SELECT has 1 column(s), the first SELECT has 2 (line 2); each SELECT must give the same number of columns", error.Message);
    }

    [Fact]
    public void A_string_where_the_first_select_has_a_number_is_an_error_at_the_column()
    {
        var error = Assert.Single(Check($"SELECT id, 1 AS n FROM a UNION ALL SELECT id, 'one' FROM b {With}"));

        Assert.Equal((1, 47), (error.Location.Line, error.Location.Column));
        Assert.Equal("UNION ALL: column 2 ('n') is BIGINT in the first SELECT but VARCHAR here", error.Message);
    }

    [Theory]
    [InlineData("SELECT id FROM a UNION SELECT id FROM b", 1, 18, "UNION without ALL (removing duplicates) is not supported; write UNION ALL")]
    [InlineData("SELECT id FROM a WITH ('a.type' = 'kafka_source') UNION ALL SELECT id FROM b", 1, 18, "WITH goes after the last SELECT of a UNION ALL")]
    [InlineData("SELECT id FROM a WHERE id IN (SELECT id FROM b UNION ALL SELECT id FROM c)", 1, 48, "UNION ALL is not supported in a subquery")]
    public void Misplaced_union_is_a_located_error(string sql, int line, int column, string message)
    {
        var error = SqlApplicationParser.Parse(sql, "u.sql").Diagnostics.First();

        Assert.Equal((line, column, message), (error.Location.Line, error.Location.Column, error.Message));
    }

    [Fact]
    public void An_error_inside_a_later_select_is_reported()
    {
        var error = Assert.Single(Check($"SELECT id FROM a UNION ALL SELECT id FROM b WHERE id + 'x' > 1 {With}"));

        Assert.Equal(1, error.Location.Line);
        Assert.StartsWith("operator + cannot be applied to UNKNOWN and VARCHAR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiling_a_union_for_in_process_use_says_it_runs_as_jobs_instead_of_running_one_select()
    {
        var error = Assert.Throws<ArgumentException>(() => Engine.Execution.InProcess.InProcessQuery.Create($"SELECT id FROM a UNION ALL SELECT id FROM b {With}"));

        Assert.Contains("a UNION ALL, or a source that is another statement's output, runs as jobs of an application", error.Message, StringComparison.Ordinal);
    }
}
