using System.Runtime.InteropServices;

namespace Velostream.Benchmarks.Harness;

/// <summary>
/// CPU time (user + system) of this process's finished and reaped child processes, Linux
/// <c>getrusage(RUSAGE_CHILDREN)</c>: the difference around one child's run is that child's CPU, which
/// <see cref="System.Diagnostics.Process"/> no longer reports once the child has exited.
/// </summary>
internal static partial class ChildCpuClock
{
    private const int RusageChildren = -1;

    /// <summary>Seconds of CPU used by reaped children so far, or NaN where unavailable.</summary>
    public static double Now()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }
        try
        {
            return getrusage(RusageChildren, out var usage) == 0
                ? usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6
                : double.NaN;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return double.NaN;
        }
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int getrusage(int who, out RUsage usage);

    /// <summary>The leading fields of <c>struct rusage</c> on 64-bit Linux, and room for the rest.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public fixed long Rest[14];
    }
}
