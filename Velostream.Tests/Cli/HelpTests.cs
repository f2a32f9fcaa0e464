using Velostream.Engine.Cli;

namespace Velostream.Tests.Cli;

public sealed class HelpTests
{
    private static (int Exit, string Output, string Errors) Dispatch(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = CommandLine.Run(args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Help_alone_lists_every_verb_on_standard_output_and_exits_0(string help)
    {
        var (exit, output, errors) = Dispatch(help);

        Assert.Equal(0, exit);
        Assert.Empty(errors);
        Assert.All(["serve", "run", "validate", "feed", "tail", "demo"], verb => Assert.Contains($"  {verb} ", output));
    }

    [Theory]
    [InlineData("serve", "usage: Velostream.Engine serve", "--embedded-kafka")]
    [InlineData("run", "usage: Velostream.Engine run <app.sql>", "--sampling-ratio")]
    [InlineData("validate", "usage: Velostream.Engine validate <app.sql>", null)]
    [InlineData("feed", "usage: feed", "--otlp-endpoint")]
    [InlineData("tail", "usage: tail", "--enable-tracing")]
    [InlineData("demo", "usage: demo", "--enable-tracing")]
    public void Help_after_a_verb_prints_its_options_and_runs_nothing(string verb, string usage, string? option)
    {
        // serve would start a web host and an embedded broker, feed and tail would wait for Kafka: returning
        // at once with exit 0 shows none of that ran.
        var (exit, output, errors) = Dispatch(verb, "--rate", "5", "--help");

        Assert.Equal(0, exit);
        Assert.Empty(errors);
        Assert.StartsWith(usage, output);
        if (option is not null)
        {
            Assert.Contains(option, output);
        }
    }

    [Fact]
    public void Feed_help_shows_the_defaults()
    {
        var (_, output, _) = Dispatch("feed", "--help");

        Assert.Contains("(default 1000)", output);
        Assert.Contains("(default 42)", output);
        Assert.Contains("(default 0: until stopped)", output);
    }

    [Fact]
    public void An_unknown_verb_is_an_error_with_the_verb_list_on_standard_error()
    {
        var (exit, output, errors) = Dispatch("serv");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("unknown verb 'serv'", errors);
        Assert.Contains("  serve ", errors);
    }
}
