using Velostream.Engine.Sql;
using Velostream.Tests.Sql.Parsing;

namespace Velostream.Tests.Sql;

/// <summary>User input never makes the front end throw: every outcome is diagnostics.</summary>
public sealed class RobustnessTests
{
    private static readonly string Application = TradingApplicationTests.Text;

    [Fact]
    public void Every_prefix_of_an_application_gives_diagnostics_not_exceptions()
    {
        var failures = new List<string>();
        for (var length = 0; length <= Application.Length; length += 5)
        {
            try
            {
                SqlFrontEnd.Check(Application[..length], "app.sql");
            }
            catch (Exception e)
            {
                failures.Add($"prefix {length}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Deleting_any_single_token_gives_diagnostics_not_exceptions()
    {
        var tokens = Engine.Sql.Syntax.Lexer.Tokenize(Application, "app.sql").Tokens;
        var failures = new List<string>();
        foreach (var token in tokens)
        {
            var mutated = Application.Remove(token.Location.Offset, token.Location.Length);
            try
            {
                SqlFrontEnd.Check(mutated, "app.sql");
            }
            catch (Exception e)
            {
                failures.Add($"without {token.Describe()} at {token.Location}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Random_token_soup_gives_diagnostics_not_exceptions()
    {
        string[] vocabulary =
        [
            "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "WINDOW", "TUMBLING", "SLIDING", "SESSION", "EMIT", "FINAL",
            "CHANGES", "WITH", "JOIN", "LEFT", "ON", "AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN", "LIKE", "CASE", "WHEN",
            "THEN", "ELSE", "END", "CAST", "AS", "INTERVAL", "'5'", "MINUTE", "CREATE", "STREAM", "TABLE", "PRIMARY", "KEY",
            "LIMIT", "OVER", "ROWS", "BUFFER", "PARTITION", "ORDER", "COUNT", "SUM", "EXTRACT", "(", ")", ",", ".", ";", "*",
            "+", "-", "/", "%", "||", "=", "<>", "<", ">=", "a", "t", "u", "x.y", "1", "2.5", "1e3", "5s", "'str'", "\"q\"",
            "-- @name: n\n", "'t.type'", "'kafka_source'",
        ];
        var random = new Random(20260105);
        var failures = new List<string>();
        for (var i = 0; i < 2_000; i++)
        {
            var count = random.Next(1, 30);
            var text = string.Join(' ', Enumerable.Range(0, count).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
            try
            {
                SqlFrontEnd.Check(text, "soup.sql");
            }
            catch (Exception e)
            {
                failures.Add($"{text}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.Empty(failures.Take(5));
    }
}
