using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace OrderStreams.Kafka.Topics;

/// <summary>Topic administration on Apache Kafka through the AdminClient.</summary>
internal sealed class KafkaTopicAdmin(IAdminClient admin) : ITopicAdmin
{
    public Task<IReadOnlyDictionary<string, int>> GetPartitionCountsAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default) =>
        Task.Run(() => TopicAdmin.PartitionCounts(admin, topics), cancellationToken);

    public async Task EnsureTopicsAsync(IEnumerable<TopicSpec> topics, CancellationToken cancellationToken = default)
    {
        var specs = topics.ToList();
        if (specs.Count == 0) return;
        try
        {
            await admin.CreateTopicsAsync(specs.Select(t => new TopicSpecification
            {
                Name = t.Name,
                NumPartitions = t.Partitions,
                ReplicationFactor = t.ReplicationFactor,
                Configs = t.Configs.ToDictionary(),
            }));
        }
        catch (CreateTopicsException e)
        {
            var failed = e.Results.FirstOrDefault(r => r.Error.Code is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists));
            if (failed is not null)
                throw new TopicAdminException(failed.Topic, $"Could not create topic '{failed.Topic}': {failed.Error.Reason}", e);
        }
    }

    public void Dispose() => admin.Dispose();
}
