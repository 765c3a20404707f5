using Confluent.Kafka;
using Confluent.Kafka.Admin;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Kafka.Topics;

/// <summary>Topic administration on Apache Kafka through the AdminClient.</summary>
internal sealed class KafkaTopicAdmin(IAdminClient admin, TimeSpan requestTimeout) : ITopicAdmin
{
    /// <summary>Configs a description always carries, default or not: the ones the manifest declares.</summary>
    private static readonly HashSet<string> AlwaysReported = ["cleanup.policy", "retention.ms"];

    private const string NoAdminApiHint =
        "If this is the embedded broker, it has no admin API: pass its embedded.admin.url (orderstreams dev and broker print it).";

    // Asked once: the embedded broker would make CreateTopics and DescribeConfigs wait out their timeout.
    private readonly Lazy<bool> adminApi = new(() => AdminApi.IsAvailable(admin, requestTimeout));

    public Task<IReadOnlyDictionary<string, int>> GetPartitionCountsAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default) =>
        Task.Run(() => TopicAdmin.PartitionCounts(admin, topics), cancellationToken);

    public Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IEnumerable<string>? topics = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => TopicAdmin.Describe(admin, topics, Configs), cancellationToken);

    public async Task EnsureTopicsAsync(IEnumerable<TopicSpec> topics, CancellationToken cancellationToken = default)
    {
        var specs = topics.ToList();
        if (specs.Count == 0) return;
        if (!adminApi.Value)
            throw new TopicAdminException(specs[0].Name, $"Could not create topics ({string.Join(", ", specs.Select(s => s.Name))}). {AdminApi.EmbeddedBrokerHint}");
        try
        {
            await admin.CreateTopicsAsync(
                specs.Select(t => new TopicSpecification
                {
                    Name = t.Name,
                    NumPartitions = t.Partitions,
                    ReplicationFactor = t.ReplicationFactor,
                    Configs = t.Configs.ToDictionary(),
                }),
                new CreateTopicsOptions { RequestTimeout = requestTimeout, OperationTimeout = requestTimeout });
        }
        catch (CreateTopicsException e)
        {
            var failed = e.Results.FirstOrDefault(r => r.Error.Code is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists));
            if (failed is not null)
                throw new TopicAdminException(failed.Topic, $"Could not create topic '{failed.Topic}': {failed.Error.Reason}", e);
        }
        catch (KafkaException e)
        {
            throw new TopicAdminException(specs[0].Name, $"Could not create topics ({string.Join(", ", specs.Select(s => s.Name))}): {e.Error.Reason}. {NoAdminApiHint}", e);
        }
    }

    public async Task DeleteRecordsAsync(IReadOnlyList<TopicPartitionOffset> before, CancellationToken cancellationToken = default)
    {
        if (before.Count == 0) return;
        try
        {
            await admin.DeleteRecordsAsync(before, new DeleteRecordsOptions { RequestTimeout = requestTimeout, OperationTimeout = requestTimeout });
        }
        catch (DeleteRecordsException e)
        {
            var failed = e.Results.First(r => r.Error.IsError);
            throw new TopicAdminException(failed.Topic, $"Could not delete the records of {failed.Topic} [{failed.Partition.Value}]: {failed.Error.Reason}", e);
        }
        catch (KafkaException e)
        {
            throw new TopicAdminException(before[0].Topic, $"Could not delete records: {e.Error.Reason}. {NoAdminApiHint}", e);
        }
    }

    public void Dispose() => admin.Dispose();

    private (IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Configs, string? Unavailable) Configs(IReadOnlyList<string> topics)
    {
        if (!adminApi.Value) return (new Dictionary<string, IReadOnlyDictionary<string, string>>(), $"DescribeConfigs unavailable. {AdminApi.EmbeddedBrokerHint}");
        var resources = topics.Select(t => new ConfigResource { Type = ResourceType.Topic, Name = t });
        List<DescribeConfigsResult> results;
        try
        {
            results = admin.DescribeConfigsAsync(resources, new DescribeConfigsOptions { RequestTimeout = requestTimeout }).GetAwaiter().GetResult();
        }
        catch (DescribeConfigsException e)
        {
            results = e.Results.Where(r => r.Error.Code == ErrorCode.NoError)
                .Select(r => new DescribeConfigsResult { ConfigResource = r.ConfigResource, Entries = r.Entries }).ToList();
            var failed = e.Results.First(r => r.Error.Code != ErrorCode.NoError);
            return (ToDictionary(results), $"DescribeConfigs failed: {failed.Error.Reason}");
        }
        catch (KafkaException e)
        {
            return (new Dictionary<string, IReadOnlyDictionary<string, string>>(), $"DescribeConfigs failed: {e.Error.Reason}. {NoAdminApiHint}");
        }
        return (ToDictionary(results), null);
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ToDictionary(IEnumerable<DescribeConfigsResult> results) =>
        results.ToDictionary(
            r => r.ConfigResource.Name,
            r => (IReadOnlyDictionary<string, string>)r.Entries.Values
                .Where(e => e.Value is not null && (!e.IsDefault || AlwaysReported.Contains(e.Name)))
                .ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal));
}
