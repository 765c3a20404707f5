using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.DriverAssignment.Domain;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.DriverAssignment;

/// <summary>One task's drivers, queues and dispatches, with the operations the events need.</summary>
internal sealed class DispatchState
{
    private readonly IKeyValueStore<string, DriverState> drivers;
    private readonly IKeyValueStore<string, WaitingOrder> waiting;
    private readonly IKeyValueStore<string, OrderDispatch> dispatches;
    private readonly IKeyValueStore<string, Branch> branches;

    public DispatchState(IProcessorContext<string, OrderDriverAssigned> context)
    {
        drivers = context.GetStateStore<IKeyValueStore<string, DriverState>>(DriverAssignmentTopology.DriversStore);
        waiting = context.GetStateStore<IKeyValueStore<string, WaitingOrder>>(DriverAssignmentTopology.WaitingStore);
        dispatches = context.GetStateStore<IKeyValueStore<string, OrderDispatch>>(DriverAssignmentTopology.DispatchStore);
        branches = context.GetStateStore<IKeyValueStore<string, Branch>>(DriverAssignmentTopology.BranchesStore);
    }

    /// <summary>Queues an order the branch accepted and gives it a free driver if there is one; an order seen before (a redelivery) is not queued again.</summary>
    public IReadOnlyList<OrderDriverAssigned> Enqueue(BranchAssignmentOutcome outcome, DateTimeOffset now)
    {
        if (outcome.Outcome is not OrderBranchAssigned || dispatches.Get(outcome.OrderId.ToString()) is not null) return [];
        var order = new WaitingOrder(outcome.OrderId, outcome.BranchId, now);
        waiting.Put(order.Key, order);
        dispatches.Put(outcome.OrderId.ToString(), new OrderDispatch(outcome.BranchId, order.Key, null));
        return Dispatch(outcome.BranchId, drivers.Range(outcome.BranchId + "/", outcome.BranchId + "0").Select(e => e.Value), now);
    }

    /// <summary>Applies a ping; a driver who can now take an order gets the oldest waiting one.</summary>
    public IReadOnlyList<OrderDriverAssigned> Ping(DriverStatusChanged ping, DateTimeOffset now)
    {
        var key = DriverKey(ping.BranchId, ping.DriverId);
        var driver = DriverState.OnPing(drivers.Get(key), ping);
        drivers.Put(key, driver);
        return Dispatch(ping.BranchId, [driver], now);
    }

    /// <summary>A delivered order frees its driver, who may take the oldest waiting order; the dispatch record goes too.</summary>
    public IReadOnlyList<OrderDriverAssigned> Delivered(DeliveryEvent delivery, DateTimeOffset now)
    {
        if (delivery.Step is not OrderDelivered) return [];
        dispatches.Delete(delivery.OrderId.ToString());
        var key = DriverKey(delivery.BranchId, delivery.DriverId);
        if (drivers.Get(key) is not { } driver || driver.ReservedFor != delivery.OrderId) return [];
        var freed = driver with { ReservedFor = null };
        drivers.Put(key, freed);
        return Dispatch(delivery.BranchId, [freed], now);
    }

    /// <summary>
    /// Gives the branch's oldest waiting orders to the free ones of <paramref name="candidates"/> and records the
    /// reservations. Only as much of the queue is read as there are free drivers: after every event either the queue
    /// is empty or no driver is free, so an event needs to look only at the drivers it changed.
    /// </summary>
    private IReadOnlyList<OrderDriverAssigned> Dispatch(string branchId, IEnumerable<DriverState> candidates, DateTimeOffset now)
    {
        var free = candidates.Where(d => d.CanTakeOrder).ToList();
        if (free.Count == 0) return [];
        var oldestFirst = waiting.Range(branchId + "/", branchId + "0").Select(e => e.Value).Take(free.Count);
        var assignments = Dispatcher.Match(oldestFirst, free, branches.Get(branchId)?.Location, now);
        foreach (var assigned in assignments)
        {
            var driverKey = DriverKey(branchId, assigned.DriverId);
            drivers.Put(driverKey, drivers.Get(driverKey)! with { ReservedFor = assigned.OrderId });
            var orderKey = assigned.OrderId.ToString();
            waiting.Delete(dispatches.Get(orderKey)!.QueueKey!);
            dispatches.Put(orderKey, new OrderDispatch(branchId, null, assigned.DriverId));
        }
        return assignments;
    }

    // '/' sorts just before '0', so the range [branch + "/", branch + "0"] holds exactly the branch's keys.
    private static string DriverKey(string branchId, string driverId) => $"{branchId}/{driverId}";
}
