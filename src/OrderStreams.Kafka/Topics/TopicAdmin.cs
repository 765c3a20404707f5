using Confluent.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Kafka.Topics;

/// <summary>Makes the <see cref="ITopicAdmin"/> for a cluster.</summary>
public static class TopicAdmin
{
    internal static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The embedded cluster's admin when <paramref name="embeddedControl"/> names its control endpoint (it has no
    /// CreateTopics), else an AdminClient admin. Either reads metadata through an admin client of <paramref name="clients"/>.
    /// </summary>
    public static ITopicAdmin Create(KafkaClientFactory clients, Uri? embeddedControl = null) =>
        Create(clients, embeddedControl, DefaultRequestTimeout);

    internal static ITopicAdmin Create(KafkaClientFactory clients, Uri? embeddedControl, TimeSpan requestTimeout)
    {
        var admin = clients.CreateAdmin();
        return embeddedControl is null ? new KafkaTopicAdmin(admin, requestTimeout) : new EmbeddedTopicAdmin(admin, embeddedControl);
    }

    internal static IReadOnlyDictionary<string, int> PartitionCounts(IAdminClient admin, IEnumerable<string> topics) =>
        Existing(admin, topics).ToDictionary(t => t.Topic, t => t.Partitions.Count);

    /// <summary>Descriptions from metadata alone; <paramref name="configs"/> adds the configs of the topics found.</summary>
    internal static IReadOnlyList<TopicDescription> Describe(
        IAdminClient admin, IEnumerable<string>? topics, Func<IReadOnlyList<string>, (IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Configs, string? Unavailable)> configs)
    {
        var found = Existing(admin, topics).OrderBy(t => t.Topic, StringComparer.Ordinal).ToList();
        var (byTopic, unavailable) = found.Count == 0 ? (new Dictionary<string, IReadOnlyDictionary<string, string>>(), null) : configs(found.Select(t => t.Topic).ToList());
        return found.Select(t => new TopicDescription(
            t.Topic,
            t.Partitions.OrderBy(p => p.PartitionId).Select(p => new PartitionDescription(p.PartitionId, p.Leader, p.Replicas, p.InSyncReplicas)).ToList(),
            byTopic.GetValueOrDefault(t.Topic),
            byTopic.ContainsKey(t.Topic) ? null : unavailable ?? "the cluster did not report them")).ToList();
    }

    private static IEnumerable<TopicMetadata> Existing(IAdminClient admin, IEnumerable<string>? topics)
    {
        // Metadata for all topics: asking for one missing topic by name would auto-create it on brokers that allow that.
        var metadata = admin.GetMetadata(DefaultRequestTimeout);
        var wanted = topics?.ToHashSet(StringComparer.Ordinal);
        return metadata.Topics.Where(t => (wanted is null || wanted.Contains(t.Topic)) && t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0);
    }
}
