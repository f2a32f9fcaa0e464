namespace Velostream.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Unknown_verb_exits_with_usage_code_2()
    {
        Assert.Equal(2, Velostream.Engine.Cli.CommandLine.Run(["no-such-verb"]));
    }
}
