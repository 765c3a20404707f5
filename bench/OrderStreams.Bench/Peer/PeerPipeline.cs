using OrderStreams.Streams;

namespace OrderStreams.Bench.Peer;

/// <summary>A <c>bench runtime</c> pipeline that both engines run: ours from <c>RuntimeTopologies</c>, Streamiz's in the peer.</summary>
/// <param name="Name">The pipeline's name in the report, as in <c>bench runtime</c>.</param>
/// <param name="Mode">The topology both engines run (<see cref="PeerProtocol.Modes"/>).</param>
/// <param name="RuntimeTopology">Our runtime's topology, from the input and output topic names.</param>
/// <param name="OutputsTotals">The output carries per-branch totals.</param>
/// <param name="Cached">The aggregate's store sits behind the record cache, so its updates leave at commits.</param>
/// <param name="CommitInterval">Instead of the bench's shared one, for both engines.</param>
public sealed record PeerPipeline(
    string Name, string Mode, Func<string, string, Topology> RuntimeTopology, bool OutputsTotals, bool Cached, StreamizPeer Peer,
    TimeSpan? CommitInterval = null)
{
    /// <summary>Every pipeline the peer benchmark compares, in report order.</summary>
    /// <remarks>
    /// A cached aggregate's output moves only at commits, so at 1 s commits its throughput window may fall within one
    /// commit; the same aggregate at 100 ms commits spans several and gives the cached throughput that can be compared.
    /// </remarks>
    public static IReadOnlyList<PeerPipeline> All(StreamizPeer peer) =>
    [
        new(PeerProtocol.Modes.StatelessAvroMap, PeerProtocol.Modes.StatelessAvroMap, RuntimeTopologies.StatelessAvroMap,
            OutputsTotals: false, Cached: false, peer),
        new(PeerProtocol.Modes.StatefulAggregate, PeerProtocol.Modes.StatefulAggregate, RuntimeTopologies.StatefulAggregate,
            OutputsTotals: true, Cached: true, peer),
        new("stateful-commit-100ms", PeerProtocol.Modes.StatefulAggregate, RuntimeTopologies.StatefulAggregate,
            OutputsTotals: true, Cached: true, peer, TimeSpan.FromMilliseconds(100)),
        new(PeerProtocol.Modes.StatefulUncached, PeerProtocol.Modes.StatefulUncached, RuntimeTopologies.StatefulAggregateUncached,
            OutputsTotals: true, Cached: false, peer),
    ];

    public IPipelineUnderTest Create(PeerEngine engine) => engine == PeerEngine.Runtime
        ? new StreamsPipeline($"runtime-{Name}", RuntimeTopology, OutputsTotals, CommitInterval)
        : new StreamizPipeline(Peer, Mode, OutputsTotals, CommitInterval);
}
