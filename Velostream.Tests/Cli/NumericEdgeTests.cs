using Velostream.Tests.Support;

namespace Velostream.Tests.Cli;

/// <summary>
/// Numbers at the edges of the numeric model, end to end through <c>run</c>: exact or a counted
/// failure with its reason, never a double in disguise or a silent NULL.
/// </summary>
public sealed class NumericEdgeTests
{
    [Fact]
    public void Numbers_beyond_decimal_or_double_are_counted_failures_with_their_reason()
    {
        using var dir = new TempFolder();
        dir.Write("in.jsonl", """
            {"id":1,"v":79228162514264337593543950335}
            {"id":2,"v":79228162514264337593543950336}
            {"id":3,"v":123456789012345678901234567890123456789}
            {"id":4,"v":1e400}
            {"id":5,"v":9223372036854775808}

            """);
        var sql = dir.Write("app.sql", """
            SELECT id, v FROM src WITH ('src.type' = 'file_source', 'src.path' = 'in.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal("""
            {"id":1,"v":79228162514264337593543950335}
            {"id":5,"v":9223372036854775808}

            """, result.Data);
        Assert.Equal(
            "job select_1: src line 2: number out of range for DECIMAL (at most ±79228162514264337593543950335): 79228162514264337593543950336 (at byte 12)\n" +
            "job select_1: src line 3: number out of range for DECIMAL (at most ±79228162514264337593543950335): 123456789012345678901234567890123456789 (at byte 12)\n" +
            "job select_1: src line 4: number out of range for DOUBLE: 1e400 (at byte 12)\n" +
            "job select_1: in=5 out=2 failed=3 late=0\n",
            result.Errors);
    }

    [Fact]
    public void Integer_overflow_is_exact_in_both_directions_and_decimal_overflow_fails()
    {
        using var dir = new TempFolder();
        dir.Write("in.jsonl", """
            {"id":1,"v":9223372036854775807}
            {"id":2,"v":9223372036854775808}
            {"id":3,"v":-9223372036854775808}
            {"id":4,"v":79228162514264337593543950335}

            """);
        var sql = dir.Write("app.sql", """
            SELECT id, v * 2 AS twice FROM src WITH ('src.type' = 'file_source', 'src.path' = 'in.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal("""
            {"id":1,"twice":18446744073709551614}
            {"id":2,"twice":18446744073709551616}
            {"id":3,"twice":-18446744073709551616}

            """, result.Data);
        Assert.EndsWith("job select_1: in=4 out=3 failed=1 late=0\n", result.Errors, StringComparison.Ordinal);
        Assert.Contains("numeric overflow: beyond DECIMAL's range", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Literals_beyond_64_bits_are_exact_decimals()
    {
        using var dir = new TempFolder();
        dir.Write("in.jsonl", "{\"id\":1}\n");
        var sql = dir.Write("app.sql", """
            SELECT 9223372036854775807 * 2 AS a, 9223372036854775808 * 2 AS b FROM src WITH ('src.type' = 'file_source', 'src.path' = 'in.jsonl');
            """);

        var result = RunResult.Of(sql);

        Assert.Equal("{\"a\":18446744073709551614,\"b\":18446744073709551616}\n", result.Data);
    }
}
