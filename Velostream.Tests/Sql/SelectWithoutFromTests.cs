using Velostream.Engine.Sql;
using Velostream.Tests.Support;

namespace Velostream.Tests.Sql;

/// <summary><c>SELECT &lt;constants&gt;</c> without FROM: one row, filtered by WHERE like any other.</summary>
public sealed class SelectWithoutFromTests
{
    [Fact]
    public void Run_writes_one_row_and_a_false_where_writes_none()
    {
        using var dir = new TempFolder();
        var sql = dir.Write("consts.sql", "SELECT 6 * 7 AS answer, 'v' || '2' AS tag;\nSELECT 1 AS never WHERE 1 > 2;\n");

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"answer\":42,\"tag\":\"v2\"}\n", result.Data);
    }

    [Fact]
    public void A_column_without_from_is_a_located_error()
    {
        var error = Assert.Single(SqlFrontEnd.Check("SELECT 1 AS one,\n  price * 2 AS p", "c.sql").Diagnostics);

        Assert.Equal((2, 3), (error.Location.Line, error.Location.Column));
        Assert.Equal("column 'price' has no source: a SELECT without FROM computes constants only", error.Message);
    }

    [Fact]
    public void A_forgotten_from_is_reported_at_the_column_it_leaves_without_source()
    {
        // 'trades' is read as the alias of id.
        var error = Assert.Single(SqlFrontEnd.Check("SELECT id trades", "c.sql").Diagnostics);

        Assert.Equal((1, 8), (error.Location.Line, error.Location.Column));
        Assert.StartsWith("column 'id' has no source", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT id, (SELECT 1) AS x FROM a", 21)]
    [InlineData("SELECT id FROM a WHERE EXISTS (SELECT 1)", 40)]
    public void A_subquery_without_from_is_a_located_error(string sql, int column)
    {
        var error = Assert.Single(SqlFrontEnd.Check(sql, "c.sql").Diagnostics);

        Assert.Equal((1, column), (error.Location.Line, error.Location.Column));
        Assert.Equal("a subquery needs FROM (a table to look up); write a constant without a subquery", error.Message);
    }
}
