using System.Runtime.InteropServices;

namespace Velostream.Engine.Cli;

/// <summary>
/// The guarantee behind "every verb stops within 10 s": once a stop is asked for, a verb that has not
/// exited after <see cref="Limit"/> is ended with exit code 1, whatever it is blocked in (a Kafka client
/// call waiting for a broker that is gone). The verbs' own deadlines (5 s for the final flush) make
/// this the exception; it is the backstop.
/// </summary>
internal static class StopDeadline
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(9.5);

    private static int _armed;

    /// <summary>Starts the countdown (once per process).</summary>
    public static void Arm(string verb)
    {
        if (Interlocked.Exchange(ref _armed, 1) == 1)
        {
            return;
        }
        var thread = new Thread(() =>
        {
            Thread.Sleep(Limit);
            try
            {
                Console.Error.WriteLine($"{verb}: did not stop within {Limit.TotalSeconds:0.#} s of the stop signal (waiting for the broker); exiting. "
                    + "Records not acknowledged were not committed and will be read again.");
                Console.Out.Flush();
                Console.Error.Flush();
            }
            finally
            {
                Exit(CommandLine.RuntimeFailure);
            }
        })
        { IsBackground = true, Name = "stop deadline" };
        thread.Start();
    }

    /// <summary>
    /// Ends the process at once: Environment.Exit would run the process-exit handlers, and a host's
    /// handler waits for the very shutdown that is stuck.
    /// </summary>
    private static void Exit(int code)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _exit(code);
        }
        Environment.Exit(code);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void _exit(int status);
}
