using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OrderStreams.Contracts.Views;
using OrderStreams.Denormaliser.Domain;
using OrderStreams.Hosting.Problems;
using OrderStreams.Hosting.Streams;
using OrderStreams.Streams;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Denormaliser.Queries;

/// <summary>
/// <c>GET /orders/{id}</c>, <c>GET /branches/{id}/orders?status=</c>, <c>GET /drivers/{id}/orders</c> from the
/// denormaliser's stores. An order lives in the task of its order id's partition: a request for an order another
/// instance owns is forwarded there. A branch's or driver's orders are spread over all tasks, so those requests ask
/// every other instance (with <c>local=true</c>) and merge the answers.
/// </summary>
internal static class OrderQueryEndpoints
{
    public const string LocalOnly = "local";

    public static WebApplication MapOrderQueries(this WebApplication app)
    {
        app.MapGet("/orders/{id}", GetOrder);
        app.MapGet("/branches/{id}/orders", GetBranchOrders);
        app.MapGet("/drivers/{id}/orders", GetDriverOrders);
        return app;
    }

    private static async Task<IResult> GetOrder(string id, HttpContext http, KafkaStreams streams, IHttpClientFactory clients, IOptions<StreamsOptions> options)
    {
        if (!Guid.TryParse(id, out var orderId)) return ServiceProblem.BadRequest($"'{id}' is not an order id; order ids are UUIDs.");
        return await Answer(streams, http.RequestAborted, async () =>
        {
            var owner = streams.QueryMetadataForKey(DenormaliserTopology.ViewsStore, orderId.ToString(), Serdes.String);
            if (!owner.IsLocal && owner.Owner is { } remote && !IsLocalOnly(http) && !IsSelf(remote, options.Value))
                return await Forward(clients, $"http://{remote.Host}:{remote.Port}/orders/{orderId}?{LocalOnly}=true", http.RequestAborted);
            return Reader(streams).Order(orderId) is { } view
                ? Results.Json(view, ViewJson.Options)
                : ServiceProblem.NotFound($"No order {orderId}.");
        });
    }

    private static Task<IResult> GetBranchOrders(string id, string? status, HttpContext http, KafkaStreams streams, IHttpClientFactory clients, IOptions<StreamsOptions> options)
    {
        if (!IsEntityId(id)) return Task.FromResult<IResult>(ServiceProblem.BadRequest($"'{id}' is not a branch id."));
        OrderStatus? wanted = null;
        if (status is not null)
        {
            if (!OrderLifecycle.TryParse(status, out var parsed))
                return Task.FromResult<IResult>(ServiceProblem.BadRequest(
                    $"'{status}' is not an order status; use one of {string.Join(", ", Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Unknown).Select(ViewJson.StatusName))}."));
            wanted = parsed;
        }
        return Answer(streams, http.RequestAborted, () => Gather(http, streams, clients, options.Value, Reader(streams).BranchOrders(id, wanted)));
    }

    private static Task<IResult> GetDriverOrders(string id, HttpContext http, KafkaStreams streams, IHttpClientFactory clients, IOptions<StreamsOptions> options)
    {
        if (!IsEntityId(id)) return Task.FromResult<IResult>(ServiceProblem.BadRequest($"'{id}' is not a driver id."));
        return Answer(streams, http.RequestAborted, () => Gather(http, streams, clients, options.Value, Reader(streams).DriverOrders(id)));
    }

    /// <summary>This instance's part and every other instance's, merged oldest first as each part is.</summary>
    private static async Task<IResult> Gather(HttpContext http, KafkaStreams streams, IHttpClientFactory clients, StreamsOptions options, IReadOnlyList<OrderView> local)
    {
        var merged = local.Select(v => JsonSerializer.SerializeToNode(v, ViewJson.Options)!).ToList();
        if (!IsLocalOnly(http))
        {
            foreach (var instance in streams.AllMetadata().Where(m => !IsSelf(m, options)))
            {
                var url = $"http://{instance.Host}:{instance.Port}{http.Request.Path}{QueryWithLocal(http)}";
                using var response = await clients.CreateClient(DenormaliserService.Name).GetAsync(url, http.RequestAborted);
                if (!response.IsSuccessStatusCode)
                    return ServiceProblem.Unavailable($"Instance {instance.Host}:{instance.Port} answered {(int)response.StatusCode}; its part of the answer is missing, retry.");
                var remote = JsonNode.Parse(await response.Content.ReadAsStringAsync(http.RequestAborted))!.AsArray();
                merged.AddRange(remote.Select(item => item!.DeepClone()));
            }
        }
        var oldestFirst = new JsonArray(merged.OrderBy(PlacedOrUpdated).ToArray());
        return Results.Content(oldestFirst.ToJsonString(), "application/json");
    }

    private static DateTimeOffset PlacedOrUpdated(JsonNode view) =>
        (view["placedAt"] ?? view["updatedAt"])?.GetValue<DateTimeOffset>() ?? DateTimeOffset.MinValue;

    private static async Task<IResult> Forward(IHttpClientFactory clients, string url, CancellationToken cancellationToken)
    {
        using var response = await clients.CreateClient(DenormaliserService.Name).GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return Results.Content(body, response.Content.Headers.ContentType?.ToString() ?? "application/json", statusCode: (int)response.StatusCode);
    }

    /// <summary>While stores move between instances (start-up, rebalance) the caller gets a 503 to retry, not an error.</summary>
    private static async Task<IResult> Answer(KafkaStreams streams, CancellationToken aborted, Func<Task<IResult>> answer)
    {
        try
        {
            return await answer();
        }
        catch (InvalidStateStoreException e)
        {
            return ServiceProblem.Unavailable($"The order views are not queryable now ({e.Message}).");
        }
        catch (HttpRequestException e)
        {
            return ServiceProblem.Unavailable($"Another denormaliser instance did not answer ({e.Message}); retry.");
        }
        catch (TaskCanceledException) when (!aborted.IsCancellationRequested)
        {
            return ServiceProblem.Unavailable("Another denormaliser instance did not answer in time (Denormaliser:ForwardTimeout); retry.");
        }
    }

    private static OrderViewReader Reader(KafkaStreams streams) => new(
        name => streams.Store<IReadOnlyKeyValueStore<string, string>>(name),
        streams.Store<IReadOnlyKeyValueStore<string, OrderView>>(DenormaliserTopology.ViewsStore));

    private static bool IsEntityId(string id) => id.Length is > 0 and <= 200 && !id.Contains('/') && !id.Any(char.IsControl);

    private static bool IsLocalOnly(HttpContext http) => http.Request.Query[LocalOnly] == "true";

    private static string QueryWithLocal(HttpContext http) => http.Request.QueryString.Add(LocalOnly, "true").Value ?? "";

    private static bool IsSelf(StreamsMetadata instance, StreamsOptions options) =>
        string.Equals($"{instance.Host}:{instance.Port}", options.ApplicationServer, StringComparison.OrdinalIgnoreCase);
}
