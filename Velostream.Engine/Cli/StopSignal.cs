using System.Runtime.InteropServices;

namespace Velostream.Engine.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation so a verb can stop consuming, flush and
/// commit instead of being killed mid-write, and arms the <see cref="StopDeadline"/> so that it stops
/// within 10 s whatever the broker does.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    private readonly string _verb;

    public StopSignal(string verb)
    {
        _verb = verb;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public CancellationToken Token => _source.Token;

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process alive; the verb exits on its own once it has flushed.
        context.Cancel = true;
        StopDeadline.Arm(_verb);
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _source.Dispose();
    }
}
