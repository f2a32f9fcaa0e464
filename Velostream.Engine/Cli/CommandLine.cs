namespace Velostream.Engine.Cli;

/// <summary>
/// Dispatches the engine's verbs. Each verb lives in its own <c>*Command</c> class that parses its
/// own options and returns the process exit code: 0 success, 1 runtime failure, 2 invalid input.
/// </summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int RuntimeFailure = 1;
    public const int InvalidInput = 2;

    private static readonly Dictionary<string, (Func<string[], int> Run, string Summary)> Verbs = new(StringComparer.Ordinal)
    {
        ["serve"] = (ServeCommand.Run, "long-running job server with an HTTP API"),
        ["run"] = (RunCommand.Run, "run a SQL application; exits when every bounded source is done"),
        ["validate"] = (ValidateCommand.Run, "check a SQL application and print located errors"),
        ["feed"] = (FeedCommand.Run, "generate the trading demo's market data into Kafka"),
        ["tail"] = (TailCommand.Run, "print records from Kafka topics, continuing their traces"),
        ["demo"] = (DemoCommand.Run, "everything in one process on the embedded broker"),
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Verbs.TryGetValue(args[0], out var verb))
        {
            PrintUsage(args.Length == 0 ? null : args[0]);
            return InvalidInput;
        }
        return verb.Run(args[1..]);
    }

    private static void PrintUsage(string? unknown)
    {
        if (unknown is not null && unknown is not ("-h" or "--help"))
        {
            Console.Error.WriteLine($"unknown verb '{unknown}'");
        }
        Console.Error.WriteLine("usage: Velostream.Engine <verb> [options]");
        foreach (var (name, verb) in Verbs)
        {
            Console.Error.WriteLine($"  {name,-9} {verb.Summary}");
        }
    }
}
