using Velostream.Engine.Demo;
using Velostream.Engine.Demo.Feed;
using Velostream.Engine.Demo.Tail;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Cli;

/// <summary>
/// Dispatches the engine's verbs. Each verb lives in its own <c>*Command</c> class that parses its
/// own options and returns the process exit code: 0 success, 1 runtime failure, 2 invalid input.
/// <c>--help</c> (or <c>-h</c>) alone, or anywhere after a verb, prints the usage to standard output and
/// exits 0 without running anything.
/// </summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int RuntimeFailure = 1;
    public const int InvalidInput = 2;

    private static readonly Dictionary<string, (Func<string[], int> Run, string Summary, string Usage)> Verbs = new(StringComparer.Ordinal)
    {
        ["serve"] = (ServeCommand.Run, "long-running job server with an HTTP API", WithTelemetry(ServeCommand.Usage)),
        ["run"] = (RunCommand.Run, "run a SQL application; exits when every bounded source is done", WithTelemetry(RunCommand.Usage)),
        ["validate"] = (ValidateCommand.Run, "check a SQL application and print located errors", ValidateCommand.Usage),
        ["feed"] = (FeedCommand.Run, "generate the trading demo's market data into Kafka", WithTelemetry(FeedOptions.Usage)),
        ["tail"] = (TailCommand.Run, "print records from Kafka topics, continuing their traces", WithTelemetry(TailOptions.Usage)),
        ["demo"] = (DemoCommand.Run, "everything in one process on the embedded broker", WithTelemetry(DemoOptions.Usage)),
        ["broker"] = (BrokerCommand.Run, "the embedded Kafka broker as a process of its own", BrokerCommand.Usage),
    };

    /// <summary>A running verb's usage followed by the telemetry options every running verb takes.</summary>
    private static string WithTelemetry(string usage) => usage + "\n" + TelemetryCommandLine.Usage;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Dispatches <paramref name="args"/>; usage asked for goes to <paramref name="output"/>, usage errors to <paramref name="errors"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length > 0 && IsHelp(args[0]))
        {
            PrintUsage(output);
            return Success;
        }
        if (args.Length == 0 || !Verbs.TryGetValue(args[0], out var verb))
        {
            if (args.Length > 0)
            {
                errors.WriteLine($"unknown verb '{args[0]}'");
            }
            PrintUsage(errors);
            return InvalidInput;
        }
        if (args.Skip(1).Any(IsHelp))
        {
            output.WriteLine(verb.Usage);
            return Success;
        }
        return verb.Run(args[1..]);
    }

    /// <summary>What is wrong with the arguments of a verb that takes one application file, or null.</summary>
    public static string? ArgumentProblem(string verb, string[] args)
    {
        if (args.FirstOrDefault(a => a.StartsWith('-') && a.Length > 1) is { } option)
        {
            return $"{verb}: unknown option '{option}'";
        }
        return args.Length switch
        {
            1 => null,
            0 => $"{verb}: no application file given",
            _ => $"{verb}: one application file expected, got {args.Length}: {string.Join(' ', args)}",
        };
    }

    private static bool IsHelp(string arg) => arg is "-h" or "--help" or "help";

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: Velostream.Engine <verb> [options]   (Velostream.Engine <verb> --help for a verb's options)");
        foreach (var (name, verb) in Verbs)
        {
            writer.WriteLine($"  {name,-9} {verb.Summary}");
        }
    }
}
