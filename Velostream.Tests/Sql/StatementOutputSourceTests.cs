using Velostream.Engine.Sql;

namespace Velostream.Tests.Sql;

/// <summary>
/// FROM a name another statement of the application produces (CREATE TABLE … AS SELECT): validate
/// resolves its columns from that statement's SELECT list (running it: Jobs/StatementChainRunTests).
/// </summary>
public sealed class StatementOutputSourceTests
{
    private const string App = """
        CREATE TABLE desk_totals AS
        SELECT desk, SUM(qty) AS total_qty FROM fills GROUP BY desk
        WITH ('fills.type' = 'file_source', 'fills.path' = 'fills.csv', 'fills.format' = 'csv');

        CREATE TABLE busy_desks AS
        SELECT desk, total_qty FROM desk_totals WHERE total_qty > 100;
        """;

    [Fact]
    public void Validate_accepts_a_source_that_is_another_statements_output()
    {
        Assert.Empty(SqlFrontEnd.Check(App, "desks.sql").Diagnostics);
    }

    [Fact]
    public void A_column_the_producing_statement_does_not_select_is_a_located_error()
    {
        var error = Assert.Single(SqlFrontEnd.Check(App.Replace("WHERE total_qty", "WHERE total_qtty", StringComparison.Ordinal), "desks.sql").Diagnostics);

        Assert.Equal((6, 47), (error.Location.Line, error.Location.Column));
        Assert.Equal("column 'total_qtty' is not an output column of 'desk_totals', whose statement selects desk, total_qty", error.Message);
    }

    [Fact]
    public void A_name_no_statement_produces_still_needs_a_connector()
    {
        var error = Assert.Single(SqlFrontEnd.Check(App.Replace("FROM desk_totals", "FROM desk_total", StringComparison.Ordinal), "desks.sql").Diagnostics);

        Assert.StartsWith("source 'desk_total' has no 'desk_total.type' property", error.Message, StringComparison.Ordinal);
    }
}
