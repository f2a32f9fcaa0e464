using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Cli;

/// <summary>
/// <c>validate &lt;app.sql&gt;</c>: parses and checks a SQL application without running it.
/// Everything goes to standard output: an OK line (exit 0), or every error in clang style followed
/// by a count (exit 2). A missing or unreadable file is invalid input too (exit 2).
/// </summary>
internal static class ValidateCommand
{
    public static int Run(string[] args) => Run(args, Console.Out);

    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length != 1 || args[0] is "-h" or "--help")
        {
            output.WriteLine("usage: Velostream.Engine validate <app.sql>");
            return CommandLine.InvalidInput;
        }
        var path = args[0];
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            output.WriteLine($"{path}: error: file not found");
            return CommandLine.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"{path}: error: cannot read file: {e.Message}");
            return CommandLine.InvalidInput;
        }

        var result = SqlFrontEnd.Check(text, path);
        if (result.Succeeded)
        {
            var count = result.Application.Statements.Count;
            output.WriteLine($"{path}: OK ({count} statement{(count == 1 ? "" : "s")})");
            return CommandLine.Success;
        }
        foreach (var diagnostic in result.Diagnostics)
        {
            output.Write(DiagnosticFormatter.Format(diagnostic, text));
        }
        var errors = result.Diagnostics.Count;
        output.WriteLine($"{errors} error{(errors == 1 ? "" : "s")}");
        return CommandLine.InvalidInput;
    }
}
