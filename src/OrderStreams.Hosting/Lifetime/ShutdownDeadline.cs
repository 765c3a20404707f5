using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderStreams.Native;

namespace OrderStreams.Hosting.Lifetime;

/// <summary>
/// Guarantees that a stopping service ends: once stopping starts (SIGTERM, a failed topology, its supervisor gone), the
/// process exits by force if it is still there <see cref="HostOptions.ShutdownTimeout"/> plus a grace later. A graceful
/// stop commits within the timeout; what can outlast it is native code waiting on a broker that is gone. Disposing the
/// host disarms it: created before the other services, it is disposed after them, so only a disposal that hangs lets it fire.
/// </summary>
internal sealed class ShutdownDeadline(IHostApplicationLifetime lifetime, IOptions<HostOptions> host, ILogger<ShutdownDeadline> logger)
    : IHostedService, IDisposable
{
    /// <summary>Time past the shutdown timeout for disposing the host and flushing logs.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private Timer? timer;
    private DateTime deadline = DateTime.MaxValue;
    private bool disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => Arm(host.Value.ShutdownTimeout + Grace));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Exits by force after <paramref name="within"/> unless an earlier deadline is set already.</summary>
    public void Arm(TimeSpan within)
    {
        lock (gate)
        {
            var at = DateTime.UtcNow + within;
            if (disposed || at >= deadline) return;
            deadline = at;
            timer?.Dispose();
            timer = new Timer(_ => Expire(within), null, within, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            timer?.Dispose();
        }
    }

    private void Expire(TimeSpan within)
    {
        logger.LogCritical("The service did not stop within {Timeout}; exiting by force", within);
        // The console logger writes from a queue of its own; this line must reach the log before the exit.
        Console.Error.WriteLine($"The service did not stop within {within}; exiting by force.");
        ProcessSignals.ExitNow(3);
    }
}
