namespace OrderStreams.Kafka.Topics;

/// <summary>
/// Brings a cluster to the manifest the safe way: creates the topics that are missing and reports the ones that differ,
/// never changing an existing topic (more partitions would move keys; fewer, or other configs, lose data or break
/// co-partitioning: that takes a person).
/// </summary>
public sealed class TopicApplier(ITopicAdmin admin)
{
    /// <summary>Compares every topic with the cluster and, unless <paramref name="dryRun"/>, creates the missing ones.</summary>
    /// <exception cref="TopicAdminException">A missing topic could not be created.</exception>
    public async Task<TopicApplyResult> ApplyAsync(IReadOnlyList<TopicSpec> topics, bool dryRun, CancellationToken cancellationToken = default)
    {
        var current = (await admin.DescribeTopicsAsync(topics.Select(t => t.Name), cancellationToken)).ToDictionary(d => d.Name, StringComparer.Ordinal);
        var checks = topics.Select(t => TopicCheck.Of(t, current.GetValueOrDefault(t.Name))).ToList();
        var missing = checks.Where(c => c.Status == TopicStatus.Missing).Select(c => c.Spec).ToList();
        if (!dryRun) await admin.EnsureTopicsAsync(missing, cancellationToken);
        return new TopicApplyResult(checks, dryRun);
    }
}
