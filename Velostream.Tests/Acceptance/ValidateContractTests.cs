using Velostream.Engine.Cli;
using Velostream.Tests.Support;

namespace Velostream.Tests.Acceptance;

/// <summary>
/// <c>validate</c> as a user meets it: exit 0 when valid; otherwise exit 2 and every error as
/// <c>&lt;file&gt;:&lt;line&gt;:&lt;col&gt;: error: &lt;message&gt;</c> with the offending line and a caret.
/// </summary>
public sealed class ValidateContractTests
{
    private static (int Exit, string Output) Validate(string path)
    {
        var output = new StringWriter { NewLine = "\n" };
        var exit = ValidateCommand.Run([path], output);
        return (exit, output.ToString());
    }

    [Fact]
    public void Every_kind_of_error_in_one_statement_is_reported_with_its_location_even_next_to_a_bad_duration()
    {
        using var dir = new TempFolder();
        var path = dir.Write("app.sql", """
            -- @app: demo
            CREATE STREAM alerts AS
            SELECT symbol, AVGG(price) AS p, venue
            FROM market_data
            WHERE COUNT(*) > 1
            WINDOW TUMBLING(ts, 5x)
            GROUP BY symbol
            WITH ('market_data.type' = 'file_sorce', 'alerts.type' = 'file_sink');
            """);

        var (exit, output) = Validate(path);

        Assert.Equal(2, exit);
        Assert.Equal(
            $"{path}:3:16: error: unknown function AVGG (did you mean AVG?)\n" +
            "SELECT symbol, AVGG(price) AS p, venue\n" +
            "               ^~~~\n" +
            $"{path}:3:34: error: column 'venue' must appear in GROUP BY or be used in an aggregate function\n" +
            "SELECT symbol, AVGG(price) AS p, venue\n" +
            "                                 ^~~~~\n" +
            $"{path}:5:7: error: aggregate function COUNT is not allowed in WHERE\n" +
            "WHERE COUNT(*) > 1\n" +
            "      ^~~~~~~~\n" +
            $"{path}:6:21: error: invalid number '5x'\n" +
            "WINDOW TUMBLING(ts, 5x)\n" +
            "                    ^~\n" +
            $"{path}:8:28: error: unknown source type 'file_sorce' for 'market_data' (expected file_source or kafka_source)\n" +
            "WITH ('market_data.type' = 'file_sorce', 'alerts.type' = 'file_sink');\n" +
            "                           ^~~~~~~~~~~~\n" +
            $"{path}:8:42: error: file_sink 'alerts' requires 'alerts.path'\n" +
            "WITH ('market_data.type' = 'file_sorce', 'alerts.type' = 'file_sink');\n" +
            "                                         ^~~~~~~~~~~~~\n" +
            "6 errors\n",
            output);
    }

    [Fact]
    public void Dead_letters_of_a_file_job_without_a_dlq_path_are_invalid_input_for_validate_and_run()
    {
        using var dir = new TempFolder();
        dir.Write("in.jsonl", "{\"symbol\":\"AAPL\",\"ts\":1}\n");
        var path = dir.Write("app.sql", """
            CREATE STREAM copy AS SELECT symbol FROM md
            WITH ('md.type' = 'file_source', 'md.path' = 'in.jsonl', 'copy.type' = 'file_sink', 'copy.path' = 'out.jsonl',
                  'late.data.strategy' = 'dead_letter');
            """);
        var expected =
            $"{path}:3:30: error: dead letters need a destination: set 'copy.dlq.path'\n" +
            "      'late.data.strategy' = 'dead_letter');\n" +
            "                             ^~~~~~~~~~~~~\n" +
            "1 error\n";

        var (exit, output) = Validate(path);
        var run = RunResult.Of(path);

        Assert.Equal(2, exit);
        Assert.Equal(expected, output);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Output.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(dir.File("out.jsonl")));
    }

    [Fact]
    public void A_job_reading_kafka_sends_dead_letters_to_its_default_topic_so_needs_no_path()
    {
        using var dir = new TempFolder();
        var path = dir.Write("app.sql", """
            CREATE STREAM copy AS SELECT symbol FROM md
            WITH ('md.type' = 'kafka_source', 'copy.type' = 'file_sink', 'copy.path' = 'out.jsonl', 'failure.strategy' = 'dead_letter');
            """);

        Assert.Equal((0, $"{path}: OK (1 statement)\n"), Validate(path));
    }

    [Fact]
    public void Select_star_over_json_into_csv_is_invalid_input_at_the_star_while_over_csv_it_is_valid()
    {
        using var dir = new TempFolder();
        var path = dir.Write("app.sql", """
            CREATE STREAM a AS SELECT * FROM j WITH ('j.type' = 'file_source', 'j.path' = 'in.jsonl', 'a.type' = 'file_sink', 'a.path' = 'a.csv', 'a.format' = 'csv');
            CREATE STREAM b AS SELECT * FROM c WITH ('c.type' = 'file_source', 'c.path' = 'in.csv', 'c.format' = 'csv', 'b.type' = 'file_sink', 'b.path' = 'b.csv', 'b.format' = 'csv');
            CREATE STREAM d AS SELECT * FROM j WITH ('j.type' = 'file_source', 'j.path' = 'in.jsonl', 'd.type' = 'file_sink', 'd.path' = 'd.jsonl');
            """);

        var (exit, output) = Validate(path);

        Assert.Equal(2, exit);
        Assert.Equal(
            $"{path}:1:27: error: SELECT * over a JSON source cannot write CSV (its columns are not known); list the columns instead\n" +
            "CREATE STREAM a AS SELECT * FROM j WITH ('j.type' = 'file_source', 'j.path' = 'in.jsonl', 'a.type' = 'file_sink', 'a.path' = 'a.csv', 'a.format' = 'csv');\n" +
            "                          ^\n" +
            "1 error\n",
            output);
    }

    [Fact]
    public void A_missing_file_is_invalid_input()
    {
        using var dir = new TempFolder();
        var path = dir.File("nope.sql");

        Assert.Equal((2, $"{path}: error: file not found\n"), Validate(path));
        Assert.Equal(2, RunResult.Of(path).ExitCode);
    }
}
