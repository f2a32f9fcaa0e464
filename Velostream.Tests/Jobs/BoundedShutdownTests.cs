using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Velostream.Engine.Api;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Demo.Feed;
using Velostream.Engine.Jobs;
using Velostream.Engine.Telemetry;
using Velostream.Tests.Support;

namespace Velostream.Tests.Jobs;

/// <summary>
/// Stopping is bounded whatever the broker does: with the broker down, librdkafka alone would retry
/// for 5 minutes (message.timeout.ms). The verbs give up after their deadline, say how many records
/// were not acknowledged, and end as failures.
/// </summary>
public sealed class BoundedShutdownTests
{
    [Fact]
    public async Task The_feed_stops_within_its_flush_deadline_with_the_broker_down_and_counts_what_was_not_acknowledged()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        cluster.CreateTopic(TradingTopics.MarketData);
        cluster.SetBrokerDown(1);
        var feed = new TradingFeed(
            new FeedOptions { Rate = 2000, Topics = [TradingTopics.MarketData] },
            new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers }, VelostreamTelemetry.Default)
        { FlushTimeout = TimeSpan.FromSeconds(2) };
        using var stop = new CancellationTokenSource();

        var running = feed.RunAsync(stop.Token);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(6));
        Assert.True(feed.Unacknowledged > 0, "records queued while the broker was down are reported");
        Assert.Equal(0, feed.Sent);
    }

    [Fact]
    public async Task The_server_stops_its_jobs_within_ten_seconds_when_the_sink_broker_is_down()
    {
        // The job reads from a healthy broker and writes to one that is down: its outputs stay in flight.
        using var input = EmbeddedKafkaCluster.Start();
        using var output = EmbeddedKafkaCluster.Start();
        input.CreateTopic("in");
        output.CreateTopic("out");
        output.SetBrokerDown(1);
        var client = new Dictionary<string, string> { ["bootstrap.servers"] = input.BootstrapServers };
        await using (var loader = new KafkaSink("in", "in", client, "loader", VelostreamTelemetry.Default))
        {
            for (var i = 0; i < 100; i++)
            {
                loader.Write([], Encoding.UTF8.GetBytes($$"""{"i":{{i}}}"""), null, -1);
            }
            await loader.FlushAsync(TestContext.Current.CancellationToken);
        }
        var app = JobServer.Build(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:kafka={input.BootstrapServers}", "--Logging:LogLevel:Default=None"], [], embeddedKafka: false);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var host = app.Services.GetRequiredService<JobHost>();
        var deployed = host.Deploy($"""
            -- @name: copy
            CREATE STREAM copy AS SELECT i FROM src
            WITH ('src.type' = 'kafka_source', 'src.topic.name' = 'in', 'src.session.timeout.ms' = '1000',
                  'copy.type' = 'kafka_sink', 'copy.topic.name' = 'out', 'copy.bootstrap.servers' = '{output.BootstrapServers}');
            """, "app.sql", null);
        Assert.True(deployed.Succeeded, string.Join("; ", deployed.Diagnostics));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (host.Find("copy")!.Stats.RecordsOut < 100 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var clock = Stopwatch.StartNew();
        await app.StopAsync(CancellationToken.None);
        var elapsed = clock.Elapsed;
        await app.DisposeAsync();

        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var job = host.Find("copy")!;
        Assert.Equal(JobState.Failed, job.Stats.State);
        Assert.Equal("stopped with 100 record(s) not acknowledged by the broker within 5 s: their input was not committed and will be read again", job.Stats.LastError);
        Assert.Equal([$"job copy: {job.Stats.LastError}"], host.StopProblems);
    }
}
