using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderStreams.Contracts.Views;
using OrderStreams.Hosting.Problems;
using OrderStreams.Hosting.Streams;
using OrderStreams.Streams;

namespace OrderStreams.Denormaliser.Queries;

/// <summary>
/// Asks other denormaliser instances for their part of a query (with <c>local=true</c>, keeping the caller's other
/// parameters such as <c>stale</c>): one owner for a key, or every instance that owns partitions now for a query over
/// all of them. A 503 from an instance (its stores restoring, say) is passed on as it came, and the partitions each
/// part was read stale from are gathered into this answer's <see cref="StaleReads.Header"/>.
/// </summary>
internal sealed class InstanceFanOut(HttpContext http, KafkaStreams streams, HttpClient client, StreamsOptions options)
{
    public const string LocalOnly = "local";

    private const string ProblemJson = "application/problem+json";

    /// <summary>The request came from another instance and wants this instance's part only.</summary>
    public bool IsLocalOnly => http.Request.Query[LocalOnly] == "true";

    public bool IsSelf(StreamsMetadata instance) =>
        string.Equals($"{instance.Host}:{instance.Port}", options.ApplicationServer, StringComparison.OrdinalIgnoreCase);

    /// <summary>The owner's answer to this request, as it answered.</summary>
    public async Task<IResult> Forward(StreamsMetadata owner)
    {
        using var response = await client.GetAsync(UrlAt(owner), http.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(http.RequestAborted);
        StaleReads.Mark(http.Response, StalePartitions(response));
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
        return Results.Content(body, contentType, statusCode: (int)response.StatusCode);
    }

    /// <summary>
    /// This instance's part and every other owner's, merged oldest first as each part is. Refuses (503) while some
    /// partition of <paramref name="store"/> has no live owner, since the answer would silently miss its orders.
    /// </summary>
    public async Task<IResult> Gather(IReadOnlyList<OrderView> local, IReadOnlyList<int> localStale, string store)
    {
        var merged = local.Select(v => JsonSerializer.SerializeToNode(v, ViewJson.Options)!).ToList();
        var stale = new List<int>(localStale);
        // Without an application server there is no registry: a single instance answers alone.
        if (!IsLocalOnly && !string.IsNullOrEmpty(options.ApplicationServer))
        {
            var owners = streams.AllMetadata();
            var unowned = Enumerable.Range(0, streams.PartitionCount(store)).Except(owners.SelectMany(o => o.Partitions)).ToList();
            if (unowned.Count > 0)
                return ServiceProblem.Unavailable($"Partition(s) {string.Join(", ", unowned)} have no live owner now "
                    + "(an instance stopped and they are not reassigned yet); retry.");
            foreach (var instance in owners.Where(m => !IsSelf(m)))
            {
                using var response = await client.GetAsync(UrlAt(instance), http.RequestAborted);
                var body = await response.Content.ReadAsStringAsync(http.RequestAborted);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Content.Headers.ContentType?.MediaType == ProblemJson)
                    return Results.Content(body, ProblemJson, statusCode: StatusCodes.Status503ServiceUnavailable);
                if (!response.IsSuccessStatusCode)
                    return ServiceProblem.Unavailable(
                        $"Instance {instance.Host}:{instance.Port} answered {(int)response.StatusCode}; its part of the answer is missing, retry.");
                stale.AddRange(StalePartitions(response));
                merged.AddRange(JsonNode.Parse(body)!.AsArray().Select(item => item!.DeepClone()));
            }
        }
        StaleReads.Mark(http.Response, stale);
        var oldestFirst = new JsonArray(merged.OrderBy(PlacedOrUpdated).ToArray());
        return Results.Content(oldestFirst.ToJsonString(), "application/json");
    }

    private string UrlAt(StreamsMetadata instance) =>
        $"http://{instance.Host}:{instance.Port}{http.Request.Path}{http.Request.QueryString.Add(LocalOnly, "true").Value}";

    private static IEnumerable<int> StalePartitions(HttpResponseMessage response) =>
        response.Headers.TryGetValues(StaleReads.Header, out var values)
            ? values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries))
                .Select(p => int.TryParse(p, out var n) ? n : -1)
                .Where(n => n >= 0)
            : [];

    private static DateTimeOffset PlacedOrUpdated(JsonNode view) =>
        (view["placedAt"] ?? view["updatedAt"])?.GetValue<DateTimeOffset>() ?? DateTimeOffset.MinValue;
}
