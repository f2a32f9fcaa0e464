namespace Velostream.Engine.Cli;

internal static class TailCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("'tail' is not implemented yet");
        return CommandLine.RuntimeFailure;
    }
}
