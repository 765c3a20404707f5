using OrderStreams.Contracts.Views;
using OrderStreams.Streams.State;

namespace OrderStreams.Denormaliser.Queries;

/// <summary>Answers the queries from this instance's stores: the views and the two secondary indexes.</summary>
internal sealed class OrderViewReader(Func<string, IReadOnlyKeyValueStore<string, string>> index, IReadOnlyKeyValueStore<string, OrderView> views)
{
    public OrderView? Order(Guid orderId) => views.Get(orderId.ToString());

    /// <summary>The branch's live orders (not yet delivered, rejected or failed), optionally of one status, oldest first.</summary>
    public IReadOnlyList<OrderView> BranchOrders(string branchId, OrderStatus? status) =>
        Lookup(DenormaliserTopology.BranchIndexStore, branchId).Where(v => status is null || v.Status == status).ToList();

    /// <summary>Every order the driver was assigned, oldest first.</summary>
    public IReadOnlyList<OrderView> DriverOrders(string driverId) => Lookup(DenormaliserTopology.DriverIndexStore, driverId).ToList();

    private IEnumerable<OrderView> Lookup(string indexStore, string id) =>
        ViewState.Entries(index(indexStore), id)
            .Select(e => views.Get(e.OrderId.ToString()))
            .OfType<OrderView>()
            .OrderBy(v => v.PlacedAt ?? v.UpdatedAt);
}
