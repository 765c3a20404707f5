namespace OrderStreams.Streams;

/// <summary>How the stream threads' consumer group assigns partitions (librdkafka's <c>group.protocol</c>).</summary>
public enum ConsumerGroupProtocol
{
    /// <summary>The classic protocol: the members join, and the group leader assigns with the <c>range</c> assignor.</summary>
    Classic,

    /// <summary>
    /// KIP-848 consumer groups: the broker assigns, with its <c>range</c> assignor (<c>group.remote.assignor</c>), which
    /// gives every member the same partition numbers of co-partitioned topics; members join and leave without stopping
    /// the others. Needs Apache Kafka 4.0 or later, or the embedded broker. The broker owns session and heartbeat
    /// timing (<c>group.consumer.*</c> broker settings), so consumer settings must not set them.
    /// </summary>
    Consumer,
}
