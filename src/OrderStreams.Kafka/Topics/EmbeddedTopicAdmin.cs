using System.Net;
using System.Net.Http.Json;
using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;

namespace OrderStreams.Kafka.Topics;

/// <summary>
/// Topic administration on the embedded cluster, which has no CreateTopics API, through <see cref="EmbeddedClusterControl"/>;
/// descriptions come from metadata. The embedded cluster keeps no topic configs (it neither compacts nor honours
/// retention.ms), so descriptions say so instead of inventing them.
/// </summary>
internal sealed class EmbeddedTopicAdmin(IAdminClient admin, Uri controlUrl) : ITopicAdmin
{
    public const string NoConfigs = "the embedded broker keeps no topic configs: it neither compacts nor honours retention.ms, and keeps about the last 5 MB of each partition";

    private readonly HttpClient http = new() { BaseAddress = controlUrl, Timeout = TimeSpan.FromSeconds(10) };

    public Task<IReadOnlyDictionary<string, int>> GetPartitionCountsAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default) =>
        Task.Run(() => TopicAdmin.PartitionCounts(admin, topics), cancellationToken);

    public Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IEnumerable<string>? topics = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => TopicAdmin.Describe(admin, topics, _ => (new Dictionary<string, IReadOnlyDictionary<string, string>>(), NoConfigs)), cancellationToken);

    public async Task EnsureTopicsAsync(IEnumerable<TopicSpec> topics, CancellationToken cancellationToken = default)
    {
        foreach (var topic in topics)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsJsonAsync(
                    "topics", new TopicRequest(topic.Name, topic.Partitions, topic.ReplicationFactor), ControlJson.Default.TopicRequest, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new TopicAdminException(topic.Name, $"The embedded cluster's control endpoint {controlUrl.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped)} does not answer: {e.Message}", e);
            }
            using (response)
            {
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK) continue;
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new TopicAdminException(topic.Name, $"The embedded cluster refused topic '{topic.Name}' ({(int)response.StatusCode}): {body}");
            }
        }
    }

    public async Task DeleteRecordsAsync(IReadOnlyList<TopicPartitionOffset> before, CancellationToken cancellationToken = default)
    {
        if (before.Count == 0) return;
        var request = new DeleteRecordsRequest([.. before.Select(b => new RecordsBefore(b.Topic, b.Partition.Value, b.Offset.Value))]);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync("records/delete", request, ControlJson.Default.DeleteRecordsRequest, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new TopicAdminException(before[0].Topic, $"The embedded cluster's control endpoint {controlUrl.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped)} does not answer: {e.Message}", e);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode) return;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new TopicAdminException(before[0].Topic, $"The embedded cluster refused to delete records ({(int)response.StatusCode}): {body}");
        }
    }

    public void Dispose()
    {
        http.Dispose();
        admin.Dispose();
    }
}
