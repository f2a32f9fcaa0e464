using System.Diagnostics;
using System.Text;

namespace Velostream.Tests.Jobs.Restart;

/// <summary>The engine's <c>run</c> verb as a process of its own, talking to a broker in the test process; killed with SIGKILL.</summary>
internal sealed class EngineProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private EngineProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public static EngineProcess Run(string sqlPath, string bootstrapServers)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Velostream.Engine.dll"), "run", sqlPath },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__kafka"] = bootstrapServers;
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        return new EngineProcess(Process.Start(start)!);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote to standard error so far (its failures, its Kafka clients' complaints).</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>kill -9: no flush, no commit, no goodbye to the consumer group.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
