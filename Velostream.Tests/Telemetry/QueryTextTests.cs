using Velostream.Engine.Telemetry;

namespace Velostream.Tests.Telemetry;

public sealed class QueryTextTests
{
    [Theory]
    [InlineData(
        "CREATE STREAM a AS SELECT x FROM t WHERE y > 1 WITH ('t.type' = 'kafka_source', 't.sasl.password' = 'p(w)d');",
        "CREATE STREAM a AS SELECT x FROM t WHERE y > 1")]
    [InlineData("CREATE STREAM a AS SELECT x FROM t EMIT CHANGES\nWITH (\n  'a.type' = 'kafka_sink'\n)", "CREATE STREAM a AS SELECT x FROM t EMIT CHANGES")]
    [InlineData("SELECT ROUND(price, 2) FROM t", "SELECT ROUND(price, 2) FROM t")]
    [InlineData("SELECT x FROM t WHERE s IN ('a', 'b')", "SELECT x FROM t WHERE s IN ('a', 'b')")]
    [InlineData("SELECT x FROM t;", "SELECT x FROM t")]
    public void Spans_show_the_statement_without_its_connector_properties(string statement, string shown)
    {
        Assert.Equal(shown, QueryText.WithoutProperties(statement));
    }
}
