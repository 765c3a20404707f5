using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Views;
using OrderStreams.Denormaliser.Domain;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.Denormaliser;

/// <summary>
/// One task's views and their secondary indexes (branch → live orders, driver → orders), kept in step on every save,
/// the reference-data versions the task's views were last refreshed with, and the trace of each live order.
/// </summary>
internal sealed class ViewState
{
    private readonly IKeyValueStore<string, OrderView> views;
    private readonly IKeyValueStore<string, string> branchIndex;
    private readonly IKeyValueStore<string, string> driverIndex;
    private readonly IKeyValueStore<string, long> referenceVersions;
    private readonly IKeyValueStore<string, string> traces;
    private readonly IKeyValueStore<string, Branch> branches;
    private readonly IKeyValueStore<string, Driver> drivers;

    public ViewState(IProcessorContext<string, OrderView> context)
    {
        views = context.GetStateStore<IKeyValueStore<string, OrderView>>(DenormaliserTopology.ViewsStore);
        branchIndex = context.GetStateStore<IKeyValueStore<string, string>>(DenormaliserTopology.BranchIndexStore);
        driverIndex = context.GetStateStore<IKeyValueStore<string, string>>(DenormaliserTopology.DriverIndexStore);
        referenceVersions = context.GetStateStore<IKeyValueStore<string, long>>(DenormaliserTopology.ReferenceVersionsStore);
        traces = context.GetStateStore<IKeyValueStore<string, string>>(DenormaliserTopology.TracesStore);
        branches = context.GetStateStore<IKeyValueStore<string, Branch>>(DenormaliserTopology.BranchesStore);
        drivers = context.GetStateStore<IKeyValueStore<string, Driver>>(DenormaliserTopology.DriversStore);
    }

    public OrderView? View(Guid orderId) => views.Get(orderId.ToString());

    public Branch? Branch(string branchId) => branches.Get(branchId);

    public Driver? Driver(string driverId) => drivers.Get(driverId);

    /// <summary>The trace of the order's first event, which its views re-emitted for a reference change continue; null when unknown.</summary>
    public string? TraceOf(Guid orderId) => traces.Get(orderId.ToString());

    public void KeepTrace(Guid orderId, string? traceParent)
    {
        if (traceParent is not null) traces.Put(orderId.ToString(), traceParent);
    }

    /// <summary>Stores the view and its index entries; false when nothing changed.</summary>
    public bool Save(OrderView? before, OrderView after)
    {
        if (ReferenceEquals(before, after)) return false;
        views.Put(after.OrderId.ToString(), after);
        if (before is not null && before.BranchId != after.BranchId) branchIndex.Delete(IndexKey(before.BranchId, after.OrderId));
        Index(after);
        return true;
    }

    /// <summary>
    /// Writes the index entries of a view again: after a crash that kept the view's change but not all of its index
    /// changes, the event processed again finds the view unchanged and repairs them.
    /// </summary>
    public void Index(OrderView view)
    {
        if (OrderLifecycle.IsFinal(view.Status))
        {
            branchIndex.Delete(IndexKey(view.BranchId, view.OrderId));
            traces.Delete(view.OrderId.ToString());
        }
        else branchIndex.Put(IndexKey(view.BranchId, view.OrderId), view.Status.ToString());
        if (view.Driver is { } driver) driverIndex.Put(IndexKey(driver.DriverId, view.OrderId), view.Status.ToString());
    }

    /// <summary>
    /// Refreshes the live views that show a branch or driver whose reference data changed since the last refresh
    /// (the NYT denormaliser's re-publish on a dependency update); returns the views to emit.
    /// </summary>
    public IReadOnlyList<OrderView> RefreshReferences(DateTimeOffset now)
    {
        var changed = new List<OrderView>();
        foreach (var (branchId, branch) in branches.All().ToList())
        {
            if (!IsNewVersion("branch/" + branchId, branch.UpdatedAt)) continue;
            Refresh(LiveOrders(branchIndex, branchId), view => OrderViews.OnBranchChanged(view, branch, now), changed);
        }
        foreach (var (driverId, driver) in drivers.All().ToList())
        {
            if (!IsNewVersion("driver/" + driverId, driver.UpdatedAt)) continue;
            Refresh(LiveOrders(driverIndex, driverId), view => OrderViews.OnDriverChanged(view, driver, now), changed);
        }
        return changed;
    }

    /// <summary>Order ids under <paramref name="prefix"/> in an index whose status is not final.</summary>
    public static IEnumerable<(Guid OrderId, string Status)> Entries(IReadOnlyKeyValueStore<string, string> index, string prefix) =>
        index.Range(prefix + "/", prefix + "0").Select(e => (Guid.Parse(e.Key[(prefix.Length + 1)..]), e.Value));

    private static IEnumerable<Guid> LiveOrders(IKeyValueStore<string, string> index, string prefix) =>
        Entries(index, prefix)
            .Where(e => !(Enum.TryParse<OrderStatus>(e.Status, out var status) && OrderLifecycle.IsFinal(status)))
            .Select(e => e.OrderId)
            .ToList();

    private void Refresh(IEnumerable<Guid> orderIds, Func<OrderView, OrderView> refresh, List<OrderView> changed)
    {
        foreach (var orderId in orderIds)
        {
            if (View(orderId) is not { } view) continue;
            var next = refresh(view);
            if (Save(view, next)) changed.Add(next);
        }
    }

    private bool IsNewVersion(string key, DateTimeOffset updatedAt)
    {
        var version = updatedAt.ToUnixTimeMilliseconds();
        if (referenceVersions.TryGet(key, out var seen) && seen == version) return false;
        referenceVersions.Put(key, version);
        return true;
    }

    // '/' sorts just before '0', so the range [id + "/", id + "0"] holds exactly the keys under id.
    private static string IndexKey(string id, Guid orderId) => $"{id}/{orderId}";
}
