using System.Net;
using System.Net.Http.Json;
using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;

namespace OrderStreams.Kafka.Topics;

/// <summary>Topic administration on the embedded cluster, which has no CreateTopics API, through <see cref="EmbeddedClusterControl"/>.</summary>
internal sealed class EmbeddedTopicAdmin(IAdminClient admin, Uri controlUrl) : ITopicAdmin
{
    private readonly HttpClient http = new() { BaseAddress = controlUrl, Timeout = TimeSpan.FromSeconds(10) };

    public Task<IReadOnlyDictionary<string, int>> GetPartitionCountsAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default) =>
        Task.Run(() => TopicAdmin.PartitionCounts(admin, topics), cancellationToken);

    public async Task EnsureTopicsAsync(IEnumerable<TopicSpec> topics, CancellationToken cancellationToken = default)
    {
        foreach (var topic in topics)
        {
            using var response = await http.PostAsJsonAsync(
                "topics", new TopicRequest(topic.Name, topic.Partitions, topic.ReplicationFactor), ControlJson.Default.TopicRequest, cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new TopicAdminException(topic.Name, $"The embedded cluster refused topic '{topic.Name}' ({(int)response.StatusCode}): {body}");
            }
        }
    }

    public void Dispose()
    {
        http.Dispose();
        admin.Dispose();
    }
}
