using Microsoft.Extensions.Hosting;

namespace OrderStreams.SchemaRegistry.Server;

/// <summary>
/// A host lifetime that leaves process signals (Ctrl-C, SIGTERM) to the process embedding the registry: the
/// default console lifetime would take them over, and the CLI or test that started the registry stops it itself.
/// </summary>
internal sealed class HostedByCaller : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
