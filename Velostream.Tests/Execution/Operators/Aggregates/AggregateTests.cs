using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators.Aggregates;

public sealed class AggregateTests
{
    private static readonly string[] Rows =
    [
        """{"g":"a","v":0.1,"i":4,"s":"pear","d":1.0e0}""",
        """{"g":"a","v":0.1,"i":2,"s":"apple","d":2.0e0}""",
        """{"g":"a","v":null,"i":2,"s":null,"d":4.0e0}""",
        """{"g":"a","v":0.1,"i":8,"s":"fig","d":7.0e0}""",
    ];

    private static string Agg(string aggregate)
    {
        var line = Assert.Single(InProcess.Run($"SELECT {aggregate} AS v FROM t GROUP BY g EMIT FINAL {InProcess.Sources("t")}", "t", Rows));
        return line["{\"v\":".Length..^1];
    }

    [Theory]
    [InlineData("COUNT(*)", "4")]
    [InlineData("COUNT(v)", "3")]
    [InlineData("COUNT(DISTINCT i)", "3")]
    [InlineData("COUNT_DISTINCT(s)", "3")]
    [InlineData("SUM(v)", "0.3")]
    [InlineData("SUM(i)", "16")]
    [InlineData("SUM(d)", "14")]
    [InlineData("AVG(i)", "4")]
    [InlineData("AVG(v)", "0.1")]
    [InlineData("MIN(i)", "2")]
    [InlineData("MAX(s)", "\"pear\"")]
    [InlineData("MIN(s)", "\"apple\"")]
    [InlineData("FIRST_VALUE(s)", "\"pear\"")]
    [InlineData("LAST_VALUE(i)", "8")]
    [InlineData("MEDIAN(i)", "3")]
    [InlineData("MEDIAN(v)", "0.1")]
    [InlineData("VARIANCE(i)", "8")]
    [InlineData("STDDEV_POP(d)", "2.29128784747792")]
    [InlineData("STDDEV(i)", "2.8284271247461903")]
    [InlineData("STDDEV_SAMP(i)", "2.8284271247461903")]
    public void Aggregates_over_a_group(string aggregate, string expected) => Assert.Equal(expected, Agg(aggregate));

    [Fact]
    public void Sum_of_ten_tenths_is_exactly_one()
    {
        var rows = Enumerable.Repeat("""{"g":"a","v":0.1}""", 10).ToArray();
        Assert.Equal(["""{"total":1.0}"""], InProcess.Run($"SELECT SUM(v) AS total FROM t GROUP BY g EMIT FINAL {InProcess.Sources("t")}", "t", rows));
    }

    [Fact]
    public void Aggregates_of_no_values_are_null_except_counts()
    {
        var rows = new[] { """{"g":"a","v":null}""" };
        Assert.Equal(["""{"s":null,"a":null,"m":null,"c":0,"sd":null}"""],
            InProcess.Run($"SELECT SUM(v) AS s, AVG(v) AS a, MIN(v) AS m, COUNT(v) AS c, STDDEV(v) AS sd FROM t GROUP BY g EMIT FINAL {InProcess.Sources("t")}", "t", rows));
    }

    [Fact]
    public void Aggregating_a_string_where_a_number_is_needed_fails_the_record_without_touching_the_group()
    {
        var query = Velostream.Engine.Execution.InProcess.InProcessQuery.Create($"SELECT g, SUM(v) AS s, COUNT(*) AS n FROM t GROUP BY g EMIT FINAL {InProcess.Sources("t")}");
        query.Push("t", """{"g":"a","v":1}""", """{"g":"a","v":"x"}""", """{"g":"a","v":2}""");
        query.Finish();
        Assert.Equal(["""{"g":"a","s":3,"n":2}"""], query.Output.Lines);
        Assert.Equal("t t[0]@2: SUM needs a number, got VARCHAR 'x'", query.Stats.LastError);
    }
}
