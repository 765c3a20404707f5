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

    /// <summary>Queues an order the branch accepted; an order seen before (a redelivery) is not queued again.</summary>
    public void Enqueue(BranchAssignmentOutcome outcome, DateTimeOffset now)
    {
        if (outcome.Outcome is not OrderBranchAssigned || dispatches.Get(outcome.OrderId.ToString()) is not null) return;
        var order = new WaitingOrder(outcome.OrderId, outcome.BranchId, now);
        waiting.Put(order.Key, order);
        dispatches.Put(outcome.OrderId.ToString(), new OrderDispatch(outcome.BranchId, order.Key, null));
    }

    public void Ping(DriverStatusChanged ping)
    {
        var key = DriverKey(ping.BranchId, ping.DriverId);
        drivers.Put(key, DriverState.OnPing(drivers.Get(key), ping));
    }

    /// <summary>A delivered order frees its driver; the dispatch record goes too.</summary>
    public void Delivered(DeliveryEvent delivery)
    {
        if (delivery.Step is not OrderDelivered) return;
        var key = DriverKey(delivery.BranchId, delivery.DriverId);
        if (drivers.Get(key) is { } driver && driver.ReservedFor == delivery.OrderId) drivers.Put(key, driver with { ReservedFor = null });
        dispatches.Delete(delivery.OrderId.ToString());
    }

    /// <summary>Gives the branch's waiting orders to its free drivers and records the reservations.</summary>
    public IReadOnlyList<OrderDriverAssigned> Dispatch(string branchId, DateTimeOffset now)
    {
        var queue = waiting.Range(branchId + "/", branchId + "0").Select(e => e.Value).ToList();
        if (queue.Count == 0) return [];
        var assignments = Dispatcher.Match(queue, drivers.Range(branchId + "/", branchId + "0").Select(e => e.Value), branches.Get(branchId)?.Location, now);
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
