namespace Velostream.Engine.Cli;

internal static class RunCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("'run' is not implemented yet");
        return CommandLine.RuntimeFailure;
    }
}
