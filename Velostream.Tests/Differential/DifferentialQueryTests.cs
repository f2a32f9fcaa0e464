namespace Velostream.Tests.Differential;

/// <summary>
/// The engine and DuckDB run the same queries on the same seeded data and must return the same
/// rows: exactly for integers, decimals, strings and booleans; within a relative 1e-9 where DuckDB
/// computes a DOUBLE (AVG, STDDEV, VARIANCE, MEDIAN, SQRT, POWER, decimal division).
/// </summary>
public sealed class DifferentialQueryTests(DifferentialFixture fixture) : IClassFixture<DifferentialFixture>
{
    public static TheoryData<string> Cases => new(DifferentialCases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Engine_returns_the_same_rows_as_DuckDB(string name)
    {
        var @case = DifferentialCases.All.Single(c => c.Name == name);
        var expected = fixture.Oracle.Query(@case.DuckDb);
        Assert.NotEmpty(expected.Rows);

        var work = Path.Combine(fixture.Root, string.Concat(name.Where(char.IsAsciiLetterOrDigit)));
        var actual = EngineHarness.Run(fixture.DataDirectory, work, @case.Velostream, @case.Properties ?? []);

        var difference = ResultComparison.Difference(expected, actual, @case.Ordered);
        Assert.True(difference is null, $"{name}\n{@case.Velostream}\n{difference}");
    }
}
