using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.DriverAssignment.Domain;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.Streams;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.DriverAssignment;

/// <summary>
/// orders.branch-assigned + drivers.status + deliveries → orders.driver-assigned. All three are keyed by branch, so a
/// branch's queue and drivers live in one task and the reservation has a single writer: a driver's pings update
/// status and position but can never undo a reservation, which only the delivery ends.
/// </summary>
public static class DriverAssignmentTopology
{
    public const string DriversStore = "drivers";
    public const string WaitingStore = "waiting-orders";
    public const string DispatchStore = "order-dispatch";
    public const string BranchesStore = "branches";

    /// <summary>How long a delivered order's dispatch is kept, to recognise a late repeat of its branch assignment.</summary>
    public static readonly TimeSpan DeliveredRetention = TimeSpan.FromDays(1);

    /// <summary>How often (stream time) delivered orders past the retention are forgotten.</summary>
    public static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(1);

    public static Topology Build(ISchemaRegistryClient registry, BranchRoutingTable routing)
    {
        var builder = new StreamsBuilder();
        var avro = new AvroTopics(registry);
        string[] stores = [DriversStore, WaitingStore, DispatchStore];
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(DriversStore), Serdes.String, new JsonSerde<DriverState>(DriverAssignmentJson.Default.DriverState)));
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(WaitingStore), Serdes.String, new JsonSerde<WaitingOrder>(DriverAssignmentJson.Default.WaitingOrder)));
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(DispatchStore), Serdes.String, new JsonSerde<OrderDispatch>(DriverAssignmentJson.Default.OrderDispatch)));
        avro.GlobalTable<Branch>(builder, OrderFlowTopics.Branches, BranchesStore);

        // An order the branch accepted joins the branch's queue.
        var onOrders = builder
            .Stream(OrderFlowTopics.OrdersBranchAssigned, avro.Consumed<BranchAssignmentOutcome>())
            .Process(() => new DispatchProcessor<BranchAssignmentOutcome>(
                o => o.BranchId, (state, outcome, now) => state.Enqueue(outcome, now), housekeeper: true), stores);

        // A ping updates the driver's status and position (a driver becoming available may take a waiting order).
        var onPings = builder
            .Stream(OrderFlowTopics.DriversStatus, avro.Consumed<DriverStatusChanged>())
            .Process(() => new DispatchProcessor<DriverStatusChanged>(p => p.BranchId, (state, ping, now) => state.Ping(ping, now)), stores);

        // A delivery frees the driver for the next order.
        var onDeliveries = builder
            .Stream(OrderFlowTopics.Deliveries, avro.Consumed<DeliveryEvent>())
            .Process(() => new DispatchProcessor<DeliveryEvent>(d => d.BranchId, (state, delivery, now) => state.Delivered(delivery, now)), stores);

        onOrders.Merge(onPings).Merge(onDeliveries)
            .To(OrderFlowTopics.OrdersDriverAssigned, avro.Produced(new BranchPartitioner<OrderDriverAssigned>(routing)));
        return builder.Build();
    }
}
