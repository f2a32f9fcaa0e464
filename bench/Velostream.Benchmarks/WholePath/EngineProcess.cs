using System.Diagnostics;
using Velostream.Benchmarks.Harness;

namespace Velostream.Benchmarks.WholePath;

/// <summary>
/// <c>Velostream.Engine run app.sql</c> as a process of its own: its own apphost next to this benchmark,
/// else <c>dotnet Velostream.Engine.dll</c>. Its output is collected as it comes (a full pipe would block
/// it); <see cref="Clock"/> starts just before the process does. Disposing kills it if it still runs.
/// </summary>
internal sealed class EngineProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private EngineProcess(Process process, Stopwatch clock)
    {
        _process = process;
        Clock = clock;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Time since just before the process was started.</summary>
    public Stopwatch Clock { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote (standard error, then standard output); complete once it has exited.</summary>
    public string Output => _stderr.Result + _stdout.Result;

    public static EngineProcess Start(string app, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Velostream.Engine.dll");
        var host = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Velostream.Engine.exe" : "Velostream.Engine");
        var start = new ProcessStartInfo(File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!File.Exists(host))
        {
            start.ArgumentList.Add(dll);
        }
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(app);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var clock = Stopwatch.StartNew();
        return new EngineProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}"), clock);
    }

    /// <summary>Waits for the process to end by itself; throws with its output when it failed.</summary>
    public void WaitForSuccess()
    {
        _process.WaitForExit();
        ThrowIfFailed();
    }

    /// <summary>
    /// Sends SIGTERM and waits up to <paramref name="timeout"/> for the clean stop (the engine bounds its own
    /// at 10 s), then kills it; throws with its output when it did not stop cleanly.
    /// </summary>
    public void Stop(TimeSpan timeout)
    {
        if (!_process.HasExited && (!ProcessSignal.Terminate(_process) || !_process.WaitForExit(timeout)))
        {
            Kill();
            throw new InvalidOperationException($"engine run did not stop within {timeout.TotalSeconds:0} s of SIGTERM and was killed: {Output}");
        }
        _process.WaitForExit();
        ThrowIfFailed();
    }

    private void ThrowIfFailed()
    {
        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"engine run exited {_process.ExitCode}: {Output}");
        }
    }

    /// <summary>Kills the process if it still runs and waits for it (its <see cref="Output"/> is then complete).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
