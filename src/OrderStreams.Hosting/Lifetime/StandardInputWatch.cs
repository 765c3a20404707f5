using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrderStreams.Hosting.Lifetime;

/// <summary>
/// With <c>Lifetime:StopWhenInputCloses=true</c>, stops the service when its standard input reaches its end: the
/// supervisor that started it (<c>orderstreams dev</c>) keeps the write end of that pipe open and never writes, and the
/// kernel closes it when the supervisor dies, even by SIGKILL. Unlike prctl(PR_SET_PDEATHSIG), which fires when the
/// parent's forking thread ends (any .NET thread-pool thread), and unlike polling the parent's id, which can be reused,
/// the pipe closes exactly when the last process holding it is gone. Off by default: under Docker or systemd standard
/// input is often /dev/null, which ends at once.
/// </summary>
internal sealed class StandardInputWatch(IHostApplicationLifetime lifetime, ShutdownDeadline deadline, ILogger<StandardInputWatch> logger)
    : IHostedService
{
    public const string Setting = "Lifetime:StopWhenInputCloses";

    /// <summary>How long a service whose supervisor is gone may take to stop: its broker may have gone with the supervisor.</summary>
    public static readonly TimeSpan OrphanDeadline = TimeSpan.FromSeconds(5);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        new Thread(Watch) { IsBackground = true, Name = "stdin-watch" }.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Watch()
    {
        using var input = Console.OpenStandardInput();
        var buffer = new byte[256];
        try
        {
            while (input.Read(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
        logger.LogWarning("Standard input closed: the process that started this service is gone; stopping within {Deadline}", OrphanDeadline);
        deadline.Arm(OrphanDeadline);
        lifetime.StopApplication();
    }
}
