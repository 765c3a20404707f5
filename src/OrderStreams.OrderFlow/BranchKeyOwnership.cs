using System.Text;
using OrderStreams.Streams.Processor;

namespace OrderStreams.OrderFlow;

/// <summary>
/// The services' source-side check: a record of a branch-keyed order-flow topic belongs to the partition the routing
/// table gives its branch; the runtime forwards one read elsewhere to that partition (docs/scale-by-data.md).
/// </summary>
public sealed class BranchKeyOwnership(BranchRoutingTable table) : IKeyOwnership
{
    private readonly HashSet<string> topics = OrderFlowTopics.BranchKeyed.ToHashSet(StringComparer.Ordinal);

    public int? OwnerOf(string topic, byte[] key, int partitionCount) =>
        topics.Contains(topic) ? table.PartitionFor(Encoding.UTF8.GetString(key), partitionCount) : null;
}
