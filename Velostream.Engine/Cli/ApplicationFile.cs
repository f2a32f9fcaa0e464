using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Cli;

/// <summary>
/// Reads and checks a SQL application file the way <c>validate</c> and <c>run</c> both do, so the
/// two always agree: a missing file, every error clang style with its line and caret, then the
/// count, all on <paramref name="output"/>.
/// </summary>
internal static class ApplicationFile
{
    /// <summary>The checked application, or null after printing why it cannot run (exit 2).</summary>
    public static SqlCheckResult? Load(string path, TextWriter output)
    {
        string text;
        try
        {
            if (new FileInfo(path).Exists && new FileInfo(path).Length > ApplicationLimits.MaxBytes)
            {
                output.WriteLine($"{path}: error: {ApplicationLimits.TooLargeMessage}");
                return null;
            }
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            output.WriteLine($"{path}: error: file not found");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"{path}: error: cannot read file: {e.Message}");
            return null;
        }

        var check = SqlFrontEnd.Check(text, path);
        var diagnostics = JobPreflight.Diagnostics(check);
        if (diagnostics.Count == 0 && check.Omitted == 0)
        {
            return check;
        }
        var (shown, more) = DiagnosticLimits.Limit(diagnostics, check.Omitted);
        foreach (var diagnostic in shown)
        {
            output.Write(DiagnosticFormatter.Format(diagnostic, text));
        }
        output.WriteLine(DiagnosticLimits.Summary(shown.Count, more));
        return null;
    }
}
