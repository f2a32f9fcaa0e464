namespace Velostream.Engine.Cli;

internal static class ValidateCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("'validate' is not implemented yet");
        return CommandLine.RuntimeFailure;
    }
}
