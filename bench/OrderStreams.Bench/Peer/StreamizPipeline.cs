
namespace OrderStreams.Bench.Peer;

/// <summary>A <c>bench runtime</c> pipeline run by Streamiz in a peer process, on the same topics as ours.</summary>
/// <param name="mode">The pipeline, named as ours (<see cref="PeerProtocol.Modes"/>).</param>
public sealed class StreamizPipeline(StreamizPeer peer, string mode, bool outputsTotals = false, TimeSpan? commitInterval = null)
    : IPipelineUnderTest
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private PeerProcess? process;

    public string Name => $"streamiz-{mode}";

    public bool OutputsTotals => outputsTotals;

    public DateTime? EngineStartedAt => process?.StartedAt;

    public async Task StartAsync(BenchEnvironment environment, string input, string output, CancellationToken cancellation)
    {
        var applicationId = $"bench-streamiz-{mode}-{Guid.NewGuid():N}"[..48];
        if (outputsTotals)
            await StreamizPeer.CreateChangelogAsync(environment, applicationId, PeerProtocol.Stores.BranchTotals, PipelineBench.Partitions, cancellation);
        process = peer.Start(environment, mode, applicationId, input, output, commitInterval);
        await process.WaitForAsync(PeerProtocol.Starting, StartTimeout, cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null) await process.DisposeAsync();
    }
}
