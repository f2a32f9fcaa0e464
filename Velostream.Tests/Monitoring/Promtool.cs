using System.Diagnostics;

namespace Velostream.Tests.Monitoring;

/// <summary>
/// Runs Prometheus's own <c>promtool</c>. Under CI (<c>CI=true</c>) a missing promtool fails the test, since
/// <c>.ci/run</c> installs it; on a developer machine the test is skipped with the reason.
/// </summary>
internal static class Promtool
{
    public static string Path()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "promtool"))
            .FirstOrDefault(File.Exists);
        if (found is not null)
        {
            return found;
        }
        const string reason = "promtool is not installed (Debian/Ubuntu: apt-get install prometheus)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + "; under CI this is a failure, not a skip.");
        }
        Assert.Skip(reason + ".");
        return "";
    }

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException("promtool did not finish within 60 s");
        }
        return (process.ExitCode, stdout + stderr.Result);
    }
}
