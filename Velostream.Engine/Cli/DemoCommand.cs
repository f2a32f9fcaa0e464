namespace Velostream.Engine.Cli;

internal static class DemoCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("'demo' is not implemented yet");
        return CommandLine.RuntimeFailure;
    }
}
