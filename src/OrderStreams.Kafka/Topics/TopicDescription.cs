namespace OrderStreams.Kafka.Topics;

/// <summary>A topic as the cluster reports it.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Partitions">Its partitions, by number.</param>
/// <param name="Configs">Its topic-level configs that are not broker defaults, plus the effective cleanup.policy and retention.ms; null when the cluster could not tell (see <paramref name="ConfigsUnavailable"/>).</param>
/// <param name="ConfigsUnavailable">Why <paramref name="Configs"/> is null.</param>
public sealed record TopicDescription(
    string Name,
    IReadOnlyList<PartitionDescription> Partitions,
    IReadOnlyDictionary<string, string>? Configs,
    string? ConfigsUnavailable = null)
{
    /// <summary>The smallest replica count of its partitions (what creating it with a replication factor gives every partition).</summary>
    public int ReplicationFactor => Partitions.Count == 0 ? 0 : Partitions.Min(p => p.Replicas.Count);
}
