using System.Diagnostics;

namespace Velostream.Tests.Cli;

/// <summary>
/// The engine as a process, stopped by SIGTERM while its broker is unreachable: it stops within 10 s
/// (librdkafka alone would wait 5 minutes), says how many records were not acknowledged and exits 1.
/// </summary>
public sealed class StopSignalProcessTests
{
    [Fact]
    public async Task Feed_stops_within_ten_seconds_of_sigterm_with_no_broker_and_reports_what_was_not_acknowledged()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM is a POSIX signal");
        var engine = Path.Combine(AppContext.BaseDirectory, "Velostream.Engine.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { engine, "feed", "--rate", "2000", "--bootstrap-servers", "127.0.0.1:1" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        using var process = Process.Start(start)!;
        var text = new System.Text.StringBuilder();
        var started = new TaskCompletionSource();
        var errors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (text)
                {
                    text.AppendLine(line);
                }
                if (line.Contains("records/s to", StringComparison.Ordinal))
                {
                    started.TrySetResult();
                }
            }
        }, TestContext.Current.CancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        // Signalled once it is producing (and has its signal handlers), with records queued for a broker that is not there.
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.False(process.HasExited, "the feed exited before it was stopped");

        var clock = Stopwatch.StartNew();
        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
        var elapsed = clock.Elapsed;

        await errors;
        await output;
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal(1, process.ExitCode);
        Assert.Matches("feed: [1-9][0-9]* records were not acknowledged by the broker within 5 s of stopping", text.ToString());
    }
}
