
namespace OrderStreams.Bench.Peer;

/// <summary>Streamiz's instances for the <see cref="ScaleOutBench"/>: a peer process each, with its default (range) assignor.</summary>
public sealed class StreamizScaling(StreamizPeer peer) : IScalingEngine
{
    public string Name => "streamiz";

    public async Task<IAsyncDisposable> StartInstanceAsync(
        BenchEnvironment environment, string applicationId, int instance, string input, string output, CancellationToken cancellation)
    {
        var process = peer.Start(environment, PeerProtocol.Modes.Stamp, applicationId, input, output, instance: instance);
        await process.WaitForAsync(PeerProtocol.Starting, TimeSpan.FromMinutes(1), cancellation);
        return process;
    }
}
