using Confluent.Kafka;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>The group settings of a stream thread's consumer for a <see cref="ConsumerGroupProtocol"/>.</summary>
internal static class ConsumerGroupSettings
{
    /// <summary>
    /// Classic groups assign with <c>range</c> on the group leader; KIP-848 groups with the broker's <c>range</c>
    /// assignor. Both keep equal partition numbers of co-partitioned topics on one member, which tasks rely on (a task
    /// is one partition number across its source topics); the broker's default, <c>uniform</c>, does not.
    /// </summary>
    public static void Apply(ConsumerConfig config, ConsumerGroupProtocol protocol)
    {
        if (protocol == ConsumerGroupProtocol.Consumer)
        {
            config.Set("group.protocol", "consumer");
            config.Set("group.remote.assignor", "range");
        }
        else
        {
            config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range;
        }
    }
}
