using Confluent.Kafka;

namespace OrderStreams.Kafka.Topics;

/// <summary>
/// Creates missing topics, describes existing ones and deletes records no reader needs any more, on Apache Kafka
/// (AdminClient) or on the embedded cluster (its control endpoint); <see cref="TopicAdmin.Create"/> makes one.
/// </summary>
public interface ITopicAdmin : IDisposable
{
    /// <summary>The partition counts of the topics among <paramref name="topics"/> that exist; missing topics are left out.</summary>
    Task<IReadOnlyDictionary<string, int>> GetPartitionCountsAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default);

    /// <summary>Creates the topics that do not exist; existing ones are left as they are.</summary>
    /// <exception cref="TopicAdminException">A topic could not be created.</exception>
    Task EnsureTopicsAsync(IEnumerable<TopicSpec> topics, CancellationToken cancellationToken = default);

    /// <summary>
    /// Partitions, leaders, replicas and configs of the topics among <paramref name="topics"/> that exist
    /// (null: every topic of the cluster, internal ones included), ordered by name.
    /// </summary>
    Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IEnumerable<string>? topics = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes each partition's records before its offset (Kafka's DeleteRecords): the log then starts there.</summary>
    /// <exception cref="TopicAdminException">A partition's records could not be deleted.</exception>
    Task DeleteRecordsAsync(IReadOnlyList<TopicPartitionOffset> before, CancellationToken cancellationToken = default);
}
