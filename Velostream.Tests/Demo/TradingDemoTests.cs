using Microsoft.Extensions.Logging.Abstractions;
using Velostream.Engine.Demo;
using Velostream.Engine.Sql;

namespace Velostream.Tests.Demo;

public sealed class TradingDemoTests
{
    [Fact]
    public void The_shipped_trading_application_is_valid_and_has_the_six_demo_jobs()
    {
        var path = TradingDemo.DefaultApplication;
        var check = SqlFrontEnd.Check(File.ReadAllText(path), path);

        Assert.Empty(check.Diagnostics);
        Assert.Equal(
            ["ohlc_1s", "price_alerts", "volume_spikes", "order_flow_imbalance", "enriched_positions", "arbitrage_opportunities"],
            check.Application.Statements.Select(s => s.JobName));
    }

    [Fact]
    public async Task The_demo_runs_every_job_on_the_embedded_broker_and_stops_cleanly()
    {
        var demo = new TradingDemo(new DemoOptions { Duration = 8, Plain = true, Rate = 2000 }, NullLoggerFactory.Instance);
        var started = DateTime.UtcNow;

        var exit = await demo.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8 + 10), "the demo must stop within 10 s of being asked");
        Assert.All(demo.Jobs, j => Assert.True(j.Stats.RecordsIn > 0, $"{j.Name} read nothing"));
        Assert.Contains(demo.Jobs, j => j.Name == "enriched_positions" && j.Stats.RecordsOut == j.Stats.RecordsIn);
    }
}
