using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.DriverAssignment.Domain;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.DriverAssignment;

/// <summary>
/// One task's drivers, queues and dispatches, with the operations the events need. The dispatch record is the
/// decision of record: when a crash kept only part of an assignment's state changes, the drivers and queue are read
/// against it (a driver reserved for an order that is not theirs is free, a queued order that has a driver is dropped).
/// </summary>
internal sealed class DispatchState
{
    private readonly IKeyValueStore<string, DriverState> drivers;
    private readonly IKeyValueStore<string, WaitingOrder> waiting;
    private readonly IKeyValueStore<string, OrderDispatch> dispatches;
    private readonly IKeyValueStore<string, Branch> branches;
    private readonly IProcessorContext<string, OrderDriverAssigned> context;
    private readonly HashSet<string> unannounced = new(StringComparer.Ordinal);

    public DispatchState(IProcessorContext<string, OrderDriverAssigned> context)
    {
        this.context = context;
        drivers = context.GetStateStore<IKeyValueStore<string, DriverState>>(DriverAssignmentTopology.DriversStore);
        waiting = context.GetStateStore<IKeyValueStore<string, WaitingOrder>>(DriverAssignmentTopology.WaitingStore);
        dispatches = context.GetStateStore<IKeyValueStore<string, OrderDispatch>>(DriverAssignmentTopology.DispatchStore);
        branches = context.GetStateStore<IKeyValueStore<string, Branch>>(DriverAssignmentTopology.BranchesStore);
    }

    /// <summary>
    /// Queues an order the branch accepted and gives it a free driver if there is one; an order seen before (a
    /// redelivery, or a repeat of the branch's step, even after its delivery) is not queued again.
    /// </summary>
    public IReadOnlyList<Assignment> Enqueue(BranchAssignmentOutcome outcome, DateTimeOffset now)
    {
        if (outcome.Outcome is not OrderBranchAssigned || dispatches.Get(outcome.OrderId.ToString()) is not null) return [];
        var order = new WaitingOrder(outcome.OrderId, outcome.BranchId, now) { TraceParent = context.TraceParent };
        waiting.Put(order.Key, order);
        dispatches.Put(outcome.OrderId.ToString(), new OrderDispatch(outcome.BranchId, order.Key, null));
        return Dispatch(outcome.BranchId, drivers.Range(outcome.BranchId + "/", outcome.BranchId + "0").Select(e => e.Value), now);
    }

    /// <summary>Applies a ping; a driver who can now take an order gets the oldest waiting one.</summary>
    public IReadOnlyList<Assignment> Ping(DriverStatusChanged ping, DateTimeOffset now)
    {
        var key = DriverKey(ping.BranchId, ping.DriverId);
        var driver = DriverState.OnPing(drivers.Get(key), ping);
        drivers.Put(key, driver);
        return Dispatch(ping.BranchId, [driver], now);
    }

    /// <summary>A delivered order frees its driver, who may take the oldest waiting order; the dispatch is marked delivered.</summary>
    public IReadOnlyList<Assignment> Delivered(DeliveryEvent delivery, DateTimeOffset now)
    {
        if (delivery.Step is not OrderDelivered) return [];
        var orderKey = delivery.OrderId.ToString();
        var dispatch = dispatches.Get(orderKey) ?? new OrderDispatch(delivery.BranchId, null, delivery.DriverId);
        if (dispatch.DeliveredAt is null)
            dispatches.Put(orderKey, dispatch with { QueueKey = null, Unannounced = null, DeliveredAt = now });
        var key = DriverKey(delivery.BranchId, delivery.DriverId);
        if (drivers.Get(key) is not { } driver || driver.ReservedFor != delivery.OrderId) return [];
        var freed = driver with { ReservedFor = null };
        drivers.Put(key, freed);
        return Dispatch(delivery.BranchId, [freed], now);
    }

    /// <summary>
    /// The assignments an earlier instance of the task made that may not have been delivered, to emit again. Each
    /// one's driver is reserved for it again should that change have been lost.
    /// </summary>
    public IReadOnlyList<Assignment> Unannounced()
    {
        var again = new List<Assignment>();
        foreach (var (orderKey, dispatch) in dispatches.All().ToList())
        {
            if (dispatch is not { Unannounced: { } assigned, DeliveredAt: null }) continue;
            var driverKey = DriverKey(assigned.BranchId, assigned.DriverId);
            if (drivers.Get(driverKey) is { ReservedFor: null } driver)
                drivers.Put(driverKey, driver with { ReservedFor = assigned.OrderId });
            again.Add(new Assignment(assigned, dispatch.TraceParent));
        }
        return again;
    }

    /// <summary>An assignment of <see cref="Unannounced"/> was emitted again: announced by the next commit.</summary>
    public void EmittedAgain(Assignment assignment) => unannounced.Add(assignment.Assigned.OrderId.ToString());

    /// <summary>The assignments made before a commit are delivered: a crash no longer re-emits them.</summary>
    public void Announce()
    {
        foreach (var orderKey in unannounced)
        {
            if (dispatches.Get(orderKey) is { Unannounced: not null } dispatch)
                dispatches.Put(orderKey, dispatch with { Unannounced = null });
        }
        unannounced.Clear();
    }

    /// <summary>Forgets orders delivered before <paramref name="before"/>: a repeat of their branch assignment is long past.</summary>
    public void ForgetDeliveredBefore(DateTimeOffset before)
    {
        var old = dispatches.All().Where(e => e.Value.DeliveredAt < before).Select(e => e.Key).ToList();
        foreach (var orderKey in old) dispatches.Delete(orderKey);
    }

    /// <summary>
    /// Gives the branch's oldest waiting orders to the free ones of <paramref name="candidates"/> and records the
    /// reservations, each with the trace of its order. Only as much of the queue is read as there are free drivers: after every event either the queue
    /// is empty or no driver is free, so an event needs to look only at the drivers it changed.
    /// </summary>
    private IReadOnlyList<Assignment> Dispatch(string branchId, IEnumerable<DriverState> candidates, DateTimeOffset now)
    {
        var free = candidates.Select(Current).Where(d => d.CanTakeOrder).ToList();
        if (free.Count == 0) return [];
        var oldestFirst = OldestWaiting(branchId, free.Count);
        var assignments = Dispatcher.Match(oldestFirst, free, branches.Get(branchId)?.Location, now);
        var queued = oldestFirst.ToDictionary(o => o.OrderId);
        foreach (var assigned in assignments)
        {
            var driverKey = DriverKey(branchId, assigned.DriverId);
            drivers.Put(driverKey, drivers.Get(driverKey)! with { ReservedFor = assigned.OrderId });
            var order = queued[assigned.OrderId];
            waiting.Delete(order.Key);
            var orderKey = assigned.OrderId.ToString();
            var dispatch = new OrderDispatch(branchId, null, assigned.DriverId) { Unannounced = assigned, TraceParent = order.TraceParent };
            dispatches.Put(orderKey, dispatch);
            unannounced.Add(orderKey);
        }
        return assignments.Select(a => new Assignment(a, queued[a.OrderId].TraceParent)).ToList();
    }

    /// <summary>A driver as the dispatches say: a reservation for an order that is not theirs (or delivered) is none.</summary>
    private DriverState Current(DriverState driver) =>
        driver.ReservedFor is { } orderId && !Holds(orderId, driver) ? driver with { ReservedFor = null } : driver;

    private bool Holds(Guid orderId, DriverState driver) =>
        dispatches.Get(orderId.ToString()) is { DeliveredAt: null } dispatch && dispatch.DriverId == driver.DriverId;

    /// <summary>
    /// Up to <paramref name="count"/> waiting orders, oldest first; queue entries of orders that have a driver are dropped.
    /// </summary>
    private List<WaitingOrder> OldestWaiting(string branchId, int count)
    {
        var oldestFirst = new List<WaitingOrder>();
        var stale = new List<string>();
        foreach (var entry in waiting.Range(branchId + "/", branchId + "0"))
        {
            if (dispatches.Get(entry.Value.OrderId.ToString()) is { QueueKey: null }) stale.Add(entry.Key);
            else oldestFirst.Add(entry.Value);
            if (oldestFirst.Count == count) break;
        }
        foreach (var key in stale) waiting.Delete(key);
        return oldestFirst;
    }

    // '/' sorts just before '0', so the range [branch + "/", branch + "0"] holds exactly the branch's keys.
    private static string DriverKey(string branchId, string driverId) => $"{branchId}/{driverId}";
}
