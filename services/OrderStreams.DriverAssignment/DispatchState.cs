using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.DriverAssignment.Domain;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.DriverAssignment;

/// <summary>
/// One task's drivers, queues and dispatches, with the operations the events need. The dispatch record is the
/// decision of record: when a crash kept only part of an assignment's state changes, the drivers and queue are
/// repaired against it (a driver reserved for an order that is not theirs is freed when the task starts, a queued
/// order that has a driver is dropped when the queue is read).
/// </summary>
internal sealed class DispatchState
{
    private readonly BranchEntries<DriverState> drivers;
    private readonly BranchEntries<WaitingOrder> waiting;
    private readonly IKeyValueStore<string, OrderDispatch> dispatches;
    private readonly IKeyValueStore<string, Branch> branches;
    private readonly IProcessorContext<string, OrderDriverAssigned> context;
    private readonly HashSet<string> unannounced = new(StringComparer.Ordinal);

    public DispatchState(IProcessorContext<string, OrderDriverAssigned> context)
    {
        this.context = context;
        drivers = BranchEntries<DriverState>.Of(context.GetStateStore<IKeyValueStore<string, DriverState>>(DriverAssignmentTopology.DriversStore));
        waiting = BranchEntries<WaitingOrder>.Of(context.GetStateStore<IKeyValueStore<string, WaitingOrder>>(DriverAssignmentTopology.WaitingStore));
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
        var assignments = Dispatch(outcome.BranchId, drivers.Entries(outcome.BranchId).Select(e => e.Value), now);
        if (!assignments.Any(a => a.Assigned.OrderId == outcome.OrderId)) DispatchMetrics.Queued(outcome.BranchId);
        return assignments;
    }

    /// <summary>Applies a ping; a driver who can now take an order gets the oldest waiting one.</summary>
    public IReadOnlyList<Assignment> Ping(DriverStatusChanged ping, DateTimeOffset now)
    {
        var driver = DriverState.OnPing(drivers.Get(DriverKey(ping.BranchId, ping.DriverId)), ping);
        drivers.Put(DriverKey(driver), driver);
        return Dispatch(ping.BranchId, [driver], now);
    }

    /// <summary>
    /// A delivered order frees its driver — the one who delivered it and the one it was given to, should they differ —
    /// who may take the oldest waiting order; the dispatch is marked delivered.
    /// </summary>
    public IReadOnlyList<Assignment> Delivered(DeliveryEvent delivery, DateTimeOffset now)
    {
        if (delivery.Step is not OrderDelivered) return [];
        var orderKey = delivery.OrderId.ToString();
        var dispatch = dispatches.Get(orderKey) ?? new OrderDispatch(delivery.BranchId, null, delivery.DriverId);
        if (dispatch.DeliveredAt is null)
            dispatches.Put(orderKey, dispatch with { QueueKey = null, Unannounced = null, DeliveredAt = now });
        var freed = new List<DriverState>();
        foreach (var driverId in new[] { delivery.DriverId, dispatch.DriverId }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (drivers.Get(DriverKey(delivery.BranchId, driverId)) is not { } driver || driver.ReservedFor != delivery.OrderId) continue;
            var free = driver with { ReservedFor = null };
            drivers.Put(DriverKey(free), free);
            freed.Add(free);
        }
        return Dispatch(delivery.BranchId, freed, now);
    }

    /// <summary>
    /// Frees the drivers whose reservation no dispatch holds (a crash kept the reservation but not the dispatch's
    /// delivery, or the other way round). Run when the task starts, before <see cref="Unannounced"/>; from then on
    /// every event changes reservations and dispatches together.
    /// </summary>
    public void FreeStaleReservations()
    {
        foreach (var driver in drivers.All().Where(d => d.ReservedFor is { } orderId && !Holds(orderId, d)).ToList())
            drivers.Put(DriverKey(driver), driver with { ReservedFor = null });
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
            if (drivers.Get(DriverKey(assigned.BranchId, assigned.DriverId)) is { ReservedFor: null } driver)
                drivers.Put(DriverKey(driver), driver with { ReservedFor = assigned.OrderId });
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
        var free = candidates.Where(d => d.CanTakeOrder).ToList();
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

    private bool Holds(Guid orderId, DriverState driver) =>
        dispatches.Get(orderId.ToString()) is { DeliveredAt: null } dispatch && dispatch.DriverId == driver.DriverId;

    /// <summary>
    /// Up to <paramref name="count"/> waiting orders, oldest first; queue entries of orders that have a driver are dropped.
    /// </summary>
    private List<WaitingOrder> OldestWaiting(string branchId, int count)
    {
        var oldestFirst = new List<WaitingOrder>();
        var stale = new List<string>();
        foreach (var entry in waiting.Entries(branchId))
        {
            if (dispatches.Get(entry.Value.OrderId.ToString()) is { QueueKey: null }) stale.Add(entry.Key);
            else oldestFirst.Add(entry.Value);
            if (oldestFirst.Count == count) break;
        }
        foreach (var key in stale) waiting.Delete(key);
        return oldestFirst;
    }

    private static string DriverKey(string branchId, string driverId) => BranchEntries<DriverState>.Key(branchId, driverId);

    private static string DriverKey(DriverState driver) => DriverKey(driver.BranchId, driver.DriverId);
}
