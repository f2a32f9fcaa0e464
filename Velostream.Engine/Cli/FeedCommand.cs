namespace Velostream.Engine.Cli;

internal static class FeedCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("'feed' is not implemented yet");
        return CommandLine.RuntimeFailure;
    }
}
