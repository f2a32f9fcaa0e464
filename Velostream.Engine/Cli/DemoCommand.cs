using Microsoft.Extensions.Logging;
using Velostream.Engine.Demo;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Cli;

/// <summary><c>demo</c>: the trading demo on the embedded broker, with a live view; Ctrl+C stops it cleanly.</summary>
internal static class DemoCommand
{
    public static int Run(string[] args)
    {
        var telemetryOptions = TelemetryCommandLine.Parse(args);
        var errors = new List<string>(telemetryOptions.Errors);
        var options = DemoOptions.Parse(telemetryOptions.RemainingArguments, errors);
        if (options is null || errors.Count > 0)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"demo: {error}");
            }
            Console.Error.WriteLine(DemoOptions.Usage);
            return CommandLine.InvalidInput;
        }
        using var telemetry = TelemetryHost.Start("velostream-demo", telemetryOptions.Configuration, out var telemetryErrors);
        if (telemetry is null)
        {
            foreach (var error in telemetryErrors)
            {
                Console.Error.WriteLine($"demo: {error}");
            }
            return CommandLine.InvalidInput;
        }
        using var stop = new StopSignal("demo");
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        return new TradingDemo(options, loggers).RunAsync(stop.Token).GetAwaiter().GetResult();
    }
}
