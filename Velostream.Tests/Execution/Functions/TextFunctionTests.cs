using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Functions;

/// <summary>POSITION, padding, one-sided trims, LEFT/RIGHT and regular expressions, counted in characters.</summary>
public sealed class TextFunctionTests
{
    private static IReadOnlyList<string> Run(string select, params string[] lines) =>
        InProcess.Run($"SELECT {select} FROM t {InProcess.Sources("t")}", "t", lines);

    [Fact]
    public void Position_finds_the_first_occurrence_in_characters_in_both_forms()
    {
        Assert.Equal(
            ["""{"a":4,"b":0,"c":6,"d":2}"""],
            Run("POSITION('@' IN s) AS a, POSITION('#', s) AS b, POSITION('x', s, 4) AS c, POSITION('ü', s) AS d", """{"s":"züx@yx"}"""));
    }

    [Fact]
    public void Lpad_and_rpad_fill_to_a_length_and_cut_longer_text()
    {
        Assert.Equal(
            ["""{"a":"00042","b":"ab   ","c":"abcab7","d":"tool"}"""],
            Run("LPAD(n, 5, '0') AS a, RPAD(s, 5) AS b, LPAD(n2, 6, 'abc') AS c, RPAD(long, 4, '*') AS d", """{"n":"42","s":"ab","n2":"7","long":"toolong"}"""));
    }

    [Fact]
    public void Ltrim_and_rtrim_remove_white_space_on_one_side_only()
    {
        Assert.Equal(["""{"l":"x y \t","r":" \tx y"}"""], Run("LTRIM(s) AS l, RTRIM(s) AS r", """{"s":" \tx y \t"}"""));
    }

    [Fact]
    public void Left_and_right_take_characters_from_either_end()
    {
        Assert.Equal(
            ["""{"l":"Zü","r":"ich","all":"Zürich","none":""}"""],
            Run("LEFT(s, 2) AS l, RIGHT(s, 3) AS r, LEFT(s, 50) AS \"all\", RIGHT(s, -1) AS none", """{"s":"Zürich"}"""));
    }

    [Fact]
    public void Tilde_matches_a_regular_expression_anywhere_and_bang_tilde_negates_it()
    {
        var output = InProcess.Run($"SELECT s FROM t WHERE s ~ '^[A-Z]{{2,4}}[0-9]?$' AND s !~ 'X' {InProcess.Sources("t")}", "t",
            """{"s":"AAPL"}""", """{"s":"MSF1"}""", """{"s":"XOM"}""", """{"s":"aapl"}""", """{"s":null}""");
        Assert.Equal(["""{"s":"AAPL"}""", """{"s":"MSF1"}"""], output);
    }

    [Fact]
    public void Regexp_replace_replaces_the_first_match_or_every_match_with_g_and_ignores_case_with_i()
    {
        Assert.Equal(
            ["""{"first":"a#b22c333","all":"a#b#c#","groups":"1a-22b-","nocase":"*-*-x"}"""],
            Run("REGEXP_REPLACE(s, '[0-9]+', '#') AS \"first\", REGEXP_REPLACE(s, '[0-9]+', '#', 'g') AS \"all\", "
                + "REGEXP_REPLACE(t, '([a-z])([0-9]+)', '$2$1-', 'g') AS groups, REGEXP_REPLACE(u, 'a', '*', 'gi') AS nocase",
                """{"s":"a1b22c333","t":"a1b22","u":"A-a-x"}"""));
    }

    [Fact]
    public void Null_in_gives_null_out()
    {
        Assert.Equal(
            ["""{"p":null,"l":null,"r":null,"m":null,"x":null}"""],
            Run("POSITION('a', s) AS p, LPAD(s, 3) AS l, RIGHT(s, 1) AS r, s ~ 'a' AS m, REGEXP_REPLACE(s, 'a', 'b') AS x", """{"s":null}"""));
    }
}
