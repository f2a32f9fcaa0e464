namespace Velostream.Engine.Cli;

/// <summary>
/// <c>validate &lt;app.sql&gt;</c>: parses and checks a SQL application without running it.
/// Everything goes to standard output: an OK line (exit 0), or every error in clang style followed
/// by a count (exit 2). A missing or unreadable file is invalid input too (exit 2).
/// </summary>
internal static class ValidateCommand
{
    public const string Usage = "usage: Velostream.Engine validate <app.sql>";

    public static int Run(string[] args) => Run(args, Console.Out);

    public static int Run(string[] args, TextWriter output)
    {
        if (CommandLine.ArgumentProblem("validate", args) is { } problem)
        {
            output.WriteLine(problem);
            output.WriteLine(Usage);
            return CommandLine.InvalidInput;
        }
        var path = args[0];
        if (ApplicationFile.Load(path, output) is not { } result)
        {
            return CommandLine.InvalidInput;
        }
        var count = result.Application.Statements.Count;
        output.WriteLine($"{path}: OK ({count} statement{(count == 1 ? "" : "s")})");
        return CommandLine.Success;
    }
}
