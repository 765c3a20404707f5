using System.Runtime.InteropServices;

namespace OrderStreams.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM (docker stop, kill) into a cancellation, so long-running commands stop
/// cleanly and exit 0 instead of being terminated by the signal.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource requested = new();
    private readonly PosixSignalRegistration[] registrations;

    public ShutdownSignal() =>
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];

    public CancellationToken Token => requested.Token;

    /// <summary>Waits until the command is asked to stop or <paramref name="duration"/> passes; never throws on the stop.</summary>
    public static async Task WaitAsync(CancellationToken stop, TimeSpan? duration = null)
    {
        try
        {
            await Task.Delay(duration ?? Timeout.InfiniteTimeSpan, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        requested.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        requested.Cancel();
    }
}
