using Velostream.Engine.Demo;
using Velostream.Engine.Demo.Feed;

namespace Velostream.Tests.Cli;

public sealed class VerbOptionsTests
{
    [Fact]
    public void Feed_options_are_read_and_every_bad_one_is_reported()
    {
        var errors = new List<string>();
        var good = FeedOptions.Parse(["--rate", "250.5", "--seed", "7", "--count", "10", "--topics", "market_data,order_book"], errors);

        Assert.Empty(errors);
        Assert.Equal((250.5, 7, 10L), (good!.Rate, good.Seed, good.Count));
        Assert.Equal(["market_data", "order_book"], good.Topics);

        var bad = FeedOptions.Parse(["--rate", "0", "--bogus", "1", "--count"], errors);

        Assert.Null(bad);
        Assert.Equal(["option '--rate': invalid value '0'", "unknown option '--bogus'", "option '--count' needs a value"], errors);
    }

    [Fact]
    public void Demo_flags_take_no_value_and_options_do()
    {
        var errors = new List<string>();
        var options = DemoOptions.Parse(["--plain", "--duration", "3", "--app", "my.sql"], errors);

        Assert.Empty(errors);
        Assert.Equal((true, 3, "my.sql"), (options!.Plain, options.Duration, options.Application));

        Assert.Null(DemoOptions.Parse(["--duration", "-1", "--seed", "x"], errors));
        Assert.Equal(["option '--duration': invalid value '-1'", "option '--seed': invalid value 'x'"], errors);
    }
}
