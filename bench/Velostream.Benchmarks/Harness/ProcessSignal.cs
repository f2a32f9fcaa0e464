using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Velostream.Benchmarks.Harness;

/// <summary>
/// SIGTERM for a child process (libc <c>kill</c>): <see cref="Process.Kill()"/> sends SIGKILL, which skips
/// the engine's clean stop (flush, commit) that a user's Ctrl+C or a container stop goes through.
/// </summary>
internal static partial class ProcessSignal
{
    private const int SigTerm = 15;

    /// <summary>Asks the process to stop; false where signals are unavailable (then only a kill ends it).</summary>
    public static bool Terminate(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }
        try
        {
            return kill(process.Id, SigTerm) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int kill(int pid, int signal);
}
