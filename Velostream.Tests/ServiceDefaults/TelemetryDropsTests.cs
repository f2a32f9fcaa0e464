using Microsoft.Extensions.Logging;
using Velostream.ServiceDefaults;

namespace Velostream.Tests.ServiceDefaults;

public sealed class TelemetryDropsTests
{
    [Fact]
    public void Drops_are_warned_about_at_once_then_at_most_once_per_interval_with_what_was_dropped_meanwhile()
    {
        var logs = new CollectingLoggerProvider();
        var time = new ManualTime();
        using var drops = new TelemetryDrops(logs.CreateLogger("drops"), TimeSpan.FromSeconds(30), time);

        drops.ExportFailure(TelemetryDrops.Traces, TelemetryDrops.Timeout, 2048, "http://collector:4317/", "Request timed out");
        drops.ExportFailure(TelemetryDrops.Traces, TelemetryDrops.Timeout, 2048, "http://collector:4317/", "Request timed out");
        drops.ExportFailure(TelemetryDrops.Traces, TelemetryDrops.ExportFailed, 100, "http://collector:4317/", "Connection refused");
        time.Advance(TimeSpan.FromSeconds(29));
        drops.Poll();
        var beforeInterval = logs.Entries.Select(e => e.Message).ToList();
        time.Advance(TimeSpan.FromSeconds(2));
        drops.Poll();
        drops.Poll();

        Assert.Equal(
            [
                "Telemetry dropped: traces: 2048 timeout. Cause: Request timed out (exporting to http://collector:4317/). Counted in velostream.telemetry.dropped; this warning repeats at most every 30 s while drops continue.",
                "Telemetry dropped: traces: 100 export_failed, 2048 timeout. Cause: Connection refused (exporting to http://collector:4317/); Request timed out (exporting to http://collector:4317/). Counted in velostream.telemetry.dropped; this warning repeats at most every 30 s while drops continue.",
            ],
            logs.Entries.Select(e => e.Message));
        Assert.Single(beforeInterval);
        Assert.Equal(4096, drops.Dropped(TelemetryDrops.Traces, TelemetryDrops.Timeout));
        Assert.Equal(100, drops.Dropped(TelemetryDrops.Traces, TelemetryDrops.ExportFailed));
        Assert.Equal(0, drops.Dropped(TelemetryDrops.Logs, TelemetryDrops.Timeout));
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
