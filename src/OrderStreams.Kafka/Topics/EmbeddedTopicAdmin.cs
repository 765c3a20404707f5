using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
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
            await PostAsync(
                "topics", new TopicRequest(topic.Name, topic.Partitions, topic.ReplicationFactor), ControlJson.Default.TopicRequest,
                topic.Name, $"refused topic '{topic.Name}'", cancellationToken);
        }
    }

    public async Task DeleteRecordsAsync(IReadOnlyList<TopicPartitionOffset> before, CancellationToken cancellationToken = default)
    {
        if (before.Count == 0) return;
        var request = new DeleteRecordsRequest([.. before.Select(b => new RecordsBefore(b.Topic, b.Partition.Value, b.Offset.Value))]);
        await PostAsync("records/delete", request, ControlJson.Default.DeleteRecordsRequest, before[0].Topic, "refused to delete records", cancellationToken);
    }

    /// <summary>Posts to the control endpoint; a request it does not answer, or answers with anything but 200 or 201, throws with the reason.</summary>
    private async Task PostAsync<T>(string path, T body, JsonTypeInfo<T> json, string topic, string refused, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(path, body, json, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new TopicAdminException(topic, $"The embedded cluster's control endpoint {controlUrl.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped)} does not answer: {e.Message}", e);
        }
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK) return;
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new TopicAdminException(topic, $"The embedded cluster {refused} ({(int)response.StatusCode}): {answer}");
        }
    }

    public void Dispose()
    {
        http.Dispose();
        admin.Dispose();
    }
}
