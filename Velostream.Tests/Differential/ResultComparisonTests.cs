namespace Velostream.Tests.Differential;

/// <summary>How the differential suite decides that two results agree.</summary>
public sealed class ResultComparisonTests
{
    private static readonly string[] Columns = ["k", "v"];

    [Fact]
    public void Exact_numbers_compare_by_value_so_scale_does_not_matter_but_every_digit_does()
    {
        Assert.True(Cell.Of(1.50m).Matches(Cell.Of(1.5m)));
        Assert.False(Cell.Of(1.0000000001m).Matches(Cell.Of(1m)));
    }

    [Fact]
    public void A_double_on_either_side_allows_a_relative_error_of_one_in_a_billion()
    {
        Assert.True(Cell.Of(187.233333333333333m).Matches(Cell.Of(187.23333333333334)));
        Assert.True(Cell.Of(1e12).Matches(Cell.Of(1e12 + 100)));
        Assert.False(Cell.Of(1e12).Matches(Cell.Of(1e12 + 10_000)));
        Assert.False(Cell.Of(0.5).Matches(Cell.Of(0.5000001m)));
    }

    [Fact]
    public void Null_text_and_numbers_never_match_each_other()
    {
        Assert.False(Cell.Null.Matches(Cell.Of(0m)));
        Assert.False(Cell.Of("1").Matches(Cell.Of(1m)));
        Assert.True(Cell.Null.Matches(Cell.Null));
    }

    [Fact]
    public void Rows_compare_as_multisets_unless_ordered()
    {
        var expected = new ResultSet(Columns, [[Cell.Of("a"), Cell.Of(1m)], [Cell.Of("b"), Cell.Null], [Cell.Of("a"), Cell.Of(1m)]]);
        var shuffled = new ResultSet(Columns, [[Cell.Of("b"), Cell.Null], [Cell.Of("a"), Cell.Of(1.0m)], [Cell.Of("a"), Cell.Of(1m)]]);
        var oneMissing = new ResultSet(Columns, [[Cell.Of("b"), Cell.Null], [Cell.Of("a"), Cell.Of(1m)]]);

        Assert.Null(ResultComparison.Difference(expected, shuffled, ordered: false));
        Assert.NotNull(ResultComparison.Difference(expected, shuffled, ordered: true));
        Assert.StartsWith("row counts differ: expected 3, got 2", ResultComparison.Difference(expected, oneMissing, ordered: false));
    }

    [Fact]
    public void Column_names_must_agree_in_select_order()
    {
        var expected = new ResultSet(Columns, [[Cell.Of("a"), Cell.Of(1m)]]);
        var swapped = new ResultSet(["v", "k"], [[Cell.Of(1m), Cell.Of("a")]]);

        Assert.Equal("columns differ: expected [k, v], got [v, k]", ResultComparison.Difference(expected, swapped, ordered: false));
    }
}
