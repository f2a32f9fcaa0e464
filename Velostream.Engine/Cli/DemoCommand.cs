using Microsoft.Extensions.Logging;
using Velostream.Engine.Demo;

namespace Velostream.Engine.Cli;

/// <summary><c>demo</c>: the trading demo on the embedded broker, with a live view; Ctrl+C stops it cleanly.</summary>
internal static class DemoCommand
{
    public static int Run(string[] args)
    {
        var errors = new List<string>();
        var options = DemoOptions.Parse(args, errors);
        if (options is null)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"demo: {error}");
            }
            Console.Error.WriteLine(DemoOptions.Usage);
            return CommandLine.InvalidInput;
        }
        using var stop = new StopSignal();
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        return new TradingDemo(options, loggers).RunAsync(stop.Token).GetAwaiter().GetResult();
    }
}
