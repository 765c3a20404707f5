using System.Globalization;

namespace OrderStreams.Bench.Peer;

/// <summary>Streamiz restoring the <see cref="RestoreBench"/>'s changelog in a peer process, timed there by its restore listener.</summary>
public sealed class StreamizRestore(StreamizPeer peer) : IRestoringEngine
{
    public string Name => "streamiz";

    public async Task<RestoreTiming> RestoreAsync(
        BenchEnvironment environment, string applicationId, string input, long records, TimeSpan timeout, CancellationToken cancellation)
    {
        await using var process = peer.Start(
            environment, PeerProtocol.Modes.Restore, applicationId, input, output: "", expectedRecords: records);
        var words = (await process.WaitForAsync(PeerProtocol.Restored, timeout, cancellation)).Split(' ');
        return new RestoreTiming(
            long.Parse(words[0], CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(words[1], CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(words[2], CultureInfo.InvariantCulture)));
    }
}
