using Velostream.Engine.Cli;

namespace Velostream.Tests.Cli;

// One test swaps Console.Out, so this class must not run alongside tests that print.
[Collection(nameof(ValidateCommandTests))]
[CollectionDefinition(nameof(ValidateCommandTests), DisableParallelization = true)]
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("validate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Output) Validate(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var exit = ValidateCommand.Run(args, output);
        return (exit, output.ToString());
    }

    [Fact]
    public void Valid_application_exits_0_with_an_ok_line()
    {
        var path = Write("ok.sql", """
            -- @app: demo
            CREATE STREAM alerts AS
            SELECT symbol, price FROM market_data WHERE price > 200
            WITH ('market_data.type' = 'file_source', 'market_data.path' = 'md.jsonl',
                  'alerts.type' = 'file_sink', 'alerts.path' = 'alerts.jsonl');
            SELECT * FROM market_data WITH ('market_data.type' = 'kafka_source');
            """);

        var (exit, output) = Validate(path);

        Assert.Equal(0, exit);
        Assert.Equal($"{path}: OK (2 statements)\n", output);
    }

    [Fact]
    public void Every_error_is_printed_clang_style_with_line_and_caret_then_a_count_and_exit_2()
    {
        var path = Write("bad.sql",
            "CREATE STREAM alerts AS\n" +
            "SELECT symbol, AVGG(price) AS p\n" +
            "FROM market_data\n" +
            "\tWHERE COUNT(*) > 1\n" +
            "WITH ('market_data.type' = 'file_source', 'market_data.path' = 'md.jsonl', 'alerts.type' = 'file_sink', 'alerts.path' = 'o.jsonl');\n");

        var (exit, output) = Validate(path);

        Assert.Equal(2, exit);
        Assert.Equal(
            $"{path}:2:16: error: unknown function AVGG (did you mean AVG?)\n" +
            "SELECT symbol, AVGG(price) AS p\n" +
            "               ^~~~\n" +
            $"{path}:4:8: error: aggregate function COUNT is not allowed in WHERE\n" +
            "\tWHERE COUNT(*) > 1\n" +
            "\t      ^~~~~~~~\n" +
            "2 errors\n",
            output);
    }

    [Fact]
    public void Syntax_and_semantic_errors_of_different_statements_are_all_reported()
    {
        var path = Write("mixed.sql", "SELECT a FROM t;\nSELECT FROM u;\n");

        var (exit, output) = Validate(path);

        Assert.Equal(2, exit);
        Assert.Equal(
            $"{path}:1:15: error: source 't' has no 't.type' property; add 't.type' = 'file_source' or 'kafka_source' to WITH\n" +
            "SELECT a FROM t;\n" +
            "              ^\n" +
            $"{path}:2:8: error: expected expression, found 'FROM'\n" +
            "SELECT FROM u;\n" +
            "       ^~~~\n" +
            "2 errors\n",
            output);
    }

    [Fact]
    public void Error_at_end_of_input_points_just_past_the_last_character()
    {
        var path = Write("eof.sql", "SELECT a FROM");

        var (exit, output) = Validate(path);

        Assert.Equal(2, exit);
        Assert.Equal($"{path}:1:14: error: expected source name, found end of input\nSELECT a FROM\n             ^\n1 error\n", output);
    }

    [Fact]
    public void Windows_line_endings_do_not_disturb_the_echoed_line_or_caret()
    {
        var path = Write("crlf.sql", "SELECT a\r\nFROM t\r\nWHERE SUMM(a) > 1\r\nWITH ('t.type' = 'kafka_source')\r\n");

        var (exit, output) = Validate(path);

        Assert.Equal(2, exit);
        Assert.Equal($"{path}:3:7: error: unknown function SUMM (did you mean SUM?)\nWHERE SUMM(a) > 1\n      ^~~~\n1 error\n", output);
    }

    [Fact]
    public void Missing_file_exits_2_with_a_clear_message_naming_the_path_as_given()
    {
        var (exit, output) = Validate("no/such/app.sql");

        Assert.Equal(2, exit);
        Assert.Equal("no/such/app.sql: error: file not found\n", output);
    }

    [Fact]
    public void Wrong_arguments_say_what_is_wrong_then_print_usage_and_exit_2()
    {
        var (exit, output) = Validate();
        var (flagExit, flagOutput) = Validate("good.sql", "--bogus-flag");

        Assert.Equal((2, 2), (exit, flagExit));
        Assert.Equal("validate: no application file given\nusage: Velostream.Engine validate <app.sql>\n", output);
        Assert.Equal("validate: unknown option '--bogus-flag'\nusage: Velostream.Engine validate <app.sql>\n", flagOutput);
    }

    [Fact]
    public void Command_line_dispatches_the_validate_verb()
    {
        var path = Write("ok.sql", "SELECT a FROM t WITH ('t.type' = 'kafka_source')");
        var original = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        int exit;
        try
        {
            exit = CommandLine.Run(["validate", path]);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(0, exit);
        Assert.Equal($"{path}: OK (1 statement){Environment.NewLine}", output.ToString());
    }
}
