using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Native;

namespace OrderStreams.Kafka.Topics;

/// <summary>Chooses the <see cref="ITopicAdmin"/> for a cluster from client settings.</summary>
public static class TopicAdmin
{
    /// <summary>
    /// The embedded cluster's admin when the settings carry <see cref="EmbeddedClusterControl.UrlSetting"/>, else an
    /// AdminClient admin. <paramref name="settings"/> are librdkafka settings including <c>bootstrap.servers</c>.
    /// </summary>
    public static ITopicAdmin Create(IReadOnlyDictionary<string, string> settings)
    {
        NativeLibraries.EnsureKafka();
        var admin = new AdminClientBuilder(ClientSettings(settings)).Build();
        return settings.TryGetValue(EmbeddedClusterControl.UrlSetting, out var url)
            ? new EmbeddedTopicAdmin(admin, new Uri(url))
            : new KafkaTopicAdmin(admin);
    }

    /// <summary><paramref name="settings"/> without our own keys, which librdkafka would reject.</summary>
    public static Dictionary<string, string> ClientSettings(IEnumerable<KeyValuePair<string, string>> settings) =>
        settings.Where(s => s.Key != EmbeddedClusterControl.UrlSetting).ToDictionary();

    internal static IReadOnlyDictionary<string, int> PartitionCounts(IAdminClient admin, IEnumerable<string> topics)
    {
        // Metadata for all topics: asking for one missing topic by name would auto-create it on brokers that allow that.
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        var wanted = topics.ToHashSet(StringComparer.Ordinal);
        return metadata.Topics
            .Where(t => wanted.Contains(t.Topic) && t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0)
            .ToDictionary(t => t.Topic, t => t.Partitions.Count);
    }
}
