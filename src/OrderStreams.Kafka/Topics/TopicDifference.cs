namespace OrderStreams.Kafka.Topics;

/// <summary>One setting in which an existing topic differs from the manifest.</summary>
/// <param name="Setting"><c>partitions</c>, <c>replication</c> or a config name such as <c>retention.ms</c>.</param>
/// <param name="Manifest">What the manifest declares.</param>
/// <param name="Cluster">What the cluster has (<c>(not set)</c> when it reports no value).</param>
public sealed record TopicDifference(string Setting, string Manifest, string Cluster);
