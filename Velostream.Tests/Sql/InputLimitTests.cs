using System.Text;
using Velostream.Engine.Cli;
using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Parsing;
using Velostream.Engine.Sql.Syntax;
using Velostream.Tests.Support;

namespace Velostream.Tests.Sql;

/// <summary>
/// No input can take the front end down: nesting and chains beyond <see cref="Parser.MaxExpressionDepth"/>
/// are one located error (they used to overflow the stack and kill the process), and the errors of
/// binary input are few and short.
/// </summary>
public sealed class InputLimitTests
{
    private const string With = " WITH ('t.type' = 'file_source', 't.path' = 'in.jsonl')";

    private static SqlDiagnostic SingleError(string sql)
    {
        var check = SqlFrontEnd.Check(sql, "app.sql");
        return Assert.Single(check.Diagnostics);
    }

    [Fact]
    public void Ten_thousand_nested_parentheses_are_one_located_error_naming_the_limit()
    {
        var sql = "SELECT " + new string('(', 10_000) + "price" + new string(')', 10_000) + " FROM t" + With;

        var error = SingleError(sql);

        Assert.Equal(Parser.TooDeepMessage, error.Message);
        Assert.Contains("256", error.Message, StringComparison.Ordinal);
        // At the parenthesis one level too deep.
        Assert.Equal((1, 8 + Parser.MaxExpressionDepth), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void A_flat_sum_of_ten_thousand_terms_is_one_located_error()
    {
        var sum = string.Join('+', Enumerable.Repeat("price", 10_000));
        var sql = "SELECT symbol,\n  " + sum + " AS total FROM t" + With;
        Assert.True(sql.Length > 60_000);

        var error = SingleError(sql);

        Assert.Equal(Parser.TooDeepMessage, error.Message);
        Assert.Equal((2, 3), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void An_or_chain_of_six_thousand_terms_is_one_located_error()
    {
        var filter = string.Join(" OR ", Enumerable.Range(0, 6_000).Select(i => $"symbol='S{i}'"));
        var sql = "SELECT symbol FROM t WHERE " + filter + With;
        Assert.True(sql.Length > 100_000);

        var error = SingleError(sql);

        Assert.Equal(Parser.TooDeepMessage, error.Message);
        Assert.Equal((1, 28), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void The_same_six_thousand_symbols_as_an_in_list_are_valid()
    {
        var list = string.Join(", ", Enumerable.Range(0, 6_000).Select(i => $"'S{i}'"));

        var check = SqlFrontEnd.Check("SELECT symbol FROM t WHERE symbol IN (" + list + ")" + With, "app.sql");

        Assert.Empty(check.Diagnostics);
    }

    [Theory]
    [InlineData("- ")]
    [InlineData("NOT ")]
    [InlineData("ABS(")]
    [InlineData("CAST(")]
    [InlineData("CASE WHEN ")]
    public void Deep_prefix_chains_are_one_located_error(string prefix)
    {
        var sql = "SELECT " + string.Concat(Enumerable.Repeat(prefix, 5_000)) + "price FROM t" + With;

        var error = SingleError(sql);

        Assert.Equal(Parser.TooDeepMessage, error.Message);
    }

    [Fact]
    public void A_chain_just_within_the_limit_is_valid()
    {
        var sum = string.Join('+', Enumerable.Repeat("price", Parser.MaxExpressionDepth - 1));

        var check = SqlFrontEnd.Check("SELECT " + sum + " AS total FROM t" + With, "app.sql");

        Assert.Empty(check.Diagnostics);
    }

    [Fact]
    public void The_statements_after_a_too_deep_one_are_still_checked()
    {
        var sql = "SELECT " + new string('(', 300) + "1" + new string(')', 300) + " FROM t" + With + ";\nSELECT AVGG(x) FROM t" + With;

        var check = SqlFrontEnd.Check(sql, "app.sql");

        Assert.Equal([Parser.TooDeepMessage, "unknown function AVGG (did you mean AVG?)"], check.Diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void Binary_input_keeps_a_bounded_number_of_lexical_errors_and_counts_the_rest()
    {
        var text = RandomText(seed: 12, bytes: 200_000);

        var check = SqlFrontEnd.Check(text, "app.sql");

        Assert.InRange(check.Diagnostics.Count, 1, DiagnosticLimits.MaxKept + 5_000);
        Assert.True(check.Omitted > 0);
        Assert.False(check.Succeeded);
    }

    [Fact]
    public void At_most_one_hundred_errors_are_reported_then_how_many_more()
    {
        var sql = string.Join(";\n", Enumerable.Range(0, 150).Select(i => $"SELECT AVGG(x{i}) FROM t" + With));
        using var folder = new TempFolder();
        var path = folder.Write("many.sql", sql);
        var output = new StringWriter { NewLine = "\n" };

        var exit = ValidateCommand.Run([path], output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, exit);
        Assert.Equal(100, lines.Count(l => l.Contains(": error: ", StringComparison.Ordinal)));
        Assert.Equal("150 errors; the first 100 shown, and 50 more", lines[^1]);
    }

    [Fact]
    public void Validate_on_a_200_kb_binary_file_prints_a_bounded_report()
    {
        using var folder = new TempFolder();
        var path = folder.File("binary.sql");
        File.WriteAllBytes(path, RandomBytes(seed: 7, count: 200_000));
        var output = new StringWriter { NewLine = "\n" };

        var exit = ValidateCommand.Run([path], output);

        var text = output.ToString();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, exit);
        Assert.InRange(lines.Length, 2, 3 * DiagnosticLimits.MaxReported + 1);
        Assert.InRange(text.Length, 1, 100 * 1024);
        Assert.Matches("^[0-9]+ errors; the first 100 shown, and [0-9]+ more$", lines[^1]);
        Assert.DoesNotContain(text, c => char.IsControl(c) && c is not ('\n' or '\t'));
    }

    [Fact]
    public void A_file_over_one_mebibyte_is_refused_before_it_is_read()
    {
        using var folder = new TempFolder();
        var path = folder.Write("huge.sql", "SELECT 1 FROM t" + With + ";" + new string(' ', ApplicationLimits.MaxBytes));
        var output = new StringWriter { NewLine = "\n" };

        var exit = ValidateCommand.Run([path], output);

        Assert.Equal(2, exit);
        Assert.Equal($"{path}: error: {ApplicationLimits.TooLargeMessage}\n", output.ToString());
    }

    [Fact]
    public void A_long_line_is_shown_as_a_window_around_the_caret()
    {
        var columns = string.Join(", ", Enumerable.Range(0, 1_000).Select(i => $"c{i}"));
        var sql = "SELECT " + columns + ", AVGG(x), " + columns + " FROM t" + With;
        var error = SingleError(sql);

        var lines = DiagnosticFormatter.Format(error, sql).Split('\n');

        Assert.Equal(DiagnosticLimits.MaxLineShown + 2, lines[1].Length);
        Assert.StartsWith("…", lines[1], StringComparison.Ordinal);
        Assert.Equal("AVGG", lines[1].Substring(lines[2].IndexOf('^', StringComparison.Ordinal), 4));
    }

    [Fact]
    public void A_control_character_is_named_by_its_code_point()
    {
        var error = SingleError("SELECT a \u001b FROM t" + With);

        Assert.Equal("unexpected character U+001B", error.Message);
    }

    internal static byte[] RandomBytes(int seed, int count)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(int seed, int bytes) => Encoding.UTF8.GetString(RandomBytes(seed, bytes));
}
