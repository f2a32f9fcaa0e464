using System.Runtime.InteropServices;

namespace Velostream.Benchmarks.Harness;

/// <summary>
/// CPU time consumed by the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>, nanosecond
/// resolution). On a machine shared with other work, wall-clock time also counts the time the
/// thread waited for a core; CPU time does not, so it stays comparable between runs.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && TryNow(out _);

    /// <summary>The thread's CPU time in seconds, or NaN where the clock is not available.</summary>
    public static double Now() => IsAvailable && TryNow(out var seconds) ? seconds : double.NaN;

    private static bool TryNow(out double seconds)
    {
        try
        {
            if (clock_gettime(ClockThreadCpuTimeId, out var time) == 0)
            {
                seconds = time.Seconds + time.Nanoseconds / 1e9;
                return true;
            }
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }
        seconds = double.NaN;
        return false;
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
