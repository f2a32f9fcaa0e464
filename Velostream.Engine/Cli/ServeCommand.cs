namespace Velostream.Engine.Cli;

internal static class ServeCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("'serve' is not implemented yet");
        return CommandLine.RuntimeFailure;
    }
}
