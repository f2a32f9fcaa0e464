namespace Velostream.Engine.Cli;

/// <summary>Dispatches the engine's verbs (serve, run, validate, feed, tail, demo).</summary>
internal static class CommandLine
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("usage: Velostream.Engine <serve|run|validate|feed|tail|demo> [options]");
        return 2;
    }
}
