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
/// every instance that owns partitions now (see <see cref="InstanceFanOut"/>). A partition whose stores are still
/// restoring answers 503 with the restore's progress, unless the caller asks for stale reads (<see cref="StaleReads"/>).
/// </summary>
internal static class OrderQueryEndpoints
{
    private static readonly string[] Stores =
        [DenormaliserTopology.ViewsStore, DenormaliserTopology.BranchIndexStore, DenormaliserTopology.DriverIndexStore];

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
        var fanOut = new InstanceFanOut(http, streams, clients.CreateClient(DenormaliserService.Name), options.Value);
        return await Answer(http.RequestAborted, async () =>
        {
            var owner = streams.QueryMetadataForKey(DenormaliserTopology.ViewsStore, orderId.ToString(), Serdes.String);
            if (!owner.IsLocal && owner.Owner is { } remote && !fanOut.IsLocalOnly && !fanOut.IsSelf(remote))
                return await fanOut.Forward(remote);
            var (reader, stale) = Local(http, streams, owner.Partition);
            var view = reader.Order(orderId);
            StaleReads.Mark(http.Response, stale);
            return view is not null ? Results.Json(view, ViewJson.Options) : ServiceProblem.NotFound($"No order {orderId}.");
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
        return Gather(http, streams, clients, options, reader => reader.BranchOrders(id, wanted));
    }

    private static Task<IResult> GetDriverOrders(string id, HttpContext http, KafkaStreams streams, IHttpClientFactory clients, IOptions<StreamsOptions> options)
    {
        if (!IsEntityId(id)) return Task.FromResult<IResult>(ServiceProblem.BadRequest($"'{id}' is not a driver id."));
        return Gather(http, streams, clients, options, reader => reader.DriverOrders(id));
    }

    private static Task<IResult> Gather(
        HttpContext http,
        KafkaStreams streams,
        IHttpClientFactory clients,
        IOptions<StreamsOptions> options,
        Func<OrderViewReader, IReadOnlyList<OrderView>> query)
    {
        var fanOut = new InstanceFanOut(http, streams, clients.CreateClient(DenormaliserService.Name), options.Value);
        return Answer(http.RequestAborted, () =>
        {
            var (reader, stale) = Local(http, streams, partition: null);
            return fanOut.Gather(query(reader), stale, DenormaliserTopology.ViewsStore);
        });
    }

    /// <summary>While stores move between instances or restore, the caller gets a 503 to retry, not an error.</summary>
    private static async Task<IResult> Answer(CancellationToken aborted, Func<Task<IResult>> answer)
    {
        try
        {
            return await StoreQueries.AnswerAsync("The order views", answer);
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

    /// <summary>A reader of this instance's stores (one partition's, or all), and the restoring partitions a stale read may use.</summary>
    private static (OrderViewReader Reader, IReadOnlyList<int> Stale) Local(HttpContext http, KafkaStreams streams, int? partition)
    {
        var stale = StaleReads.Requested(http.Request);
        T Store<T>(string name) where T : class =>
            streams.Store<T>(new StoreQueryParameters(name) { Partition = partition, EnableStaleStores = stale });
        var reader = new OrderViewReader(
            Store<IReadOnlyKeyValueStore<string, string>>, Store<IReadOnlyKeyValueStore<string, OrderView>>(DenormaliserTopology.ViewsStore));
        var restoring = stale
            ? Stores.SelectMany(streams.RestoringPartitions).Select(p => p.Partition)
                .Where(p => partition is null || p == partition).Distinct().ToList()
            : [];
        return (reader, restoring);
    }

    private static bool IsEntityId(string id) => id.Length is > 0 and <= 200 && !id.Contains('/') && !id.Any(char.IsControl);
}
