using OrderStreams.Streams.Processor;

namespace OrderStreams.OrderFlow;

/// <summary>The runtime's sink partitioner for topics keyed by branch id, following a <see cref="BranchRoutingTable"/>.</summary>
public sealed class BranchPartitioner<V>(BranchRoutingTable table) : IStreamPartitioner<string, V>
{
    public int? Partition(string topic, string key, V value, int partitionCount) =>
        table.DedicatedPartitions.Count == 0 ? null : table.PartitionFor(key, partitionCount);
}
