using System.Text;
using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Topics;
using OrderStreams.OrderFlow;

namespace OrderStreams.Platform;

/// <summary>The simulator's partitioner: branch-keyed topics follow the routing table, the others murmur2.</summary>
public static class RoutedPartitioner
{
    public static PartitionerDelegate For(TopicManifest manifest, BranchRoutingTable routing)
    {
        var branchKeyed = manifest.Topics.Where(t => t.Key == "branchId").Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return (topic, partitionCount, keyData, keyIsNull) => branchKeyed.Contains(topic) && !keyIsNull
            ? routing.PartitionFor(Encoding.UTF8.GetString(keyData), partitionCount)
            : KafkaClientDefaults.PartitionFor(keyData, partitionCount);
    }
}
