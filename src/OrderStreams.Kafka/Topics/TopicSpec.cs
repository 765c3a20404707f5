namespace OrderStreams.Kafka.Topics;

/// <summary>One topic as the manifest declares it.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Partitions">Partition count.</param>
/// <param name="ReplicationFactor">Replicas per partition (capped at the broker count on the embedded cluster).</param>
/// <param name="CleanupPolicy"><c>delete</c>, <c>compact</c> or <c>compact,delete</c>.</param>
/// <param name="RetentionMs">retention.ms; -1 keeps records forever.</param>
/// <param name="Key">What the key is, for people and tools (for example <c>branchId</c>).</param>
/// <param name="ValueSchema">Full name of the Avro schema of the value, or null for raw bytes.</param>
/// <param name="CoPartitionGroup">Topics in one group must have the same partition count (they are joined by partition).</param>
/// <param name="Description">What the topic carries.</param>
/// <param name="Role">What it is to the system, which decides how much history it keeps.</param>
public sealed record TopicSpec(
    string Name,
    int Partitions,
    short ReplicationFactor,
    string CleanupPolicy,
    long RetentionMs,
    string Key,
    string? ValueSchema,
    string? CoPartitionGroup,
    string Description,
    TopicRole Role = TopicRole.Derived)
{
    /// <summary>Whether it keeps every record, or the latest per key, for ever.</summary>
    public bool KeepsHistory => RetentionMs < 0 || !TopicRetention.Policies(CleanupPolicy).Contains("delete");

    /// <summary>The topic-level configs to create the topic with on Apache Kafka.</summary>
    public IReadOnlyDictionary<string, string> Configs => new Dictionary<string, string>
    {
        ["cleanup.policy"] = CleanupPolicy,
        ["retention.ms"] = RetentionMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
