using Confluent.SchemaRegistry;
using OrderStreams.BranchAssignment.Domain;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.Streams;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.BranchAssignment;

/// <summary>
/// orders.placed + orders.paid → branch-assignment.requests → orders.branch-assigned, with deliveries freeing capacity.
/// A request is keyed by the branch it asks, so only that branch's task ever changes its kitchen load and its line of
/// orders waiting for capacity.
/// </summary>
public static class BranchAssignmentTopology
{
    public const string PendingStore = "pending-orders";
    public const string LoadStore = "branch-load";
    public const string BranchesStore = "branches";
    public const string DecisionsStore = "branch-decisions";

    public static Topology Build(ISchemaRegistryClient registry, BranchAssignmentOptions options, BranchRoutingTable routing)
    {
        var builder = new StreamsBuilder();
        builder.AddStateStore(Stores.KeyValueStoreBuilder(
            Stores.PersistentKeyValueStore(PendingStore), Serdes.String, new JsonSerde<PendingAssignment>(BranchAssignmentJson.Default.PendingAssignment)));
        builder.AddStateStore(Stores.KeyValueStoreBuilder(
            Stores.PersistentKeyValueStore(LoadStore), Serdes.String, new JsonSerde<BranchLoad>(BranchAssignmentJson.Default.BranchLoad)));
        builder.AddStateStore(Stores.KeyValueStoreBuilder(
            Stores.PersistentKeyValueStore(DecisionsStore), Serdes.String,
            new JsonSerde<DeskDecision>(BranchAssignmentJson.Default.DeskDecision)));
        builder.GlobalTable(OrderFlowTopics.Branches, Consumed<string, Branch>.With(Serdes.String, new AvroSerde<Branch>(registry)), Materialized<string, Branch>.As(BranchesStore));
        var requestsSerde = new AvroSerde<BranchAssignmentRequest>(registry);
        var toRequests = Produced<string, BranchAssignmentRequest>.With(Serdes.String, requestsSerde, new BranchPartitioner<BranchAssignmentRequest>(routing));

        // 1. A placed order waits for its payment verdict (either may come first); a paid one is offered to its own branch.
        var cleanup = new Housekeeping<PendingAssignment, BranchAssignmentRequest>(options.CleanupInterval,
            (_, state, now) => StateStep<PendingAssignment, BranchAssignmentRequest>.Unchanged(PendingAssignments.OnStreamTime(state, now, options.PendingRetention)));
        //    The request is kept until delivered, and sent again by a new instance after a crash.
        var announcements = new Announcements<PendingAssignment, BranchAssignmentRequest>(
            PendingAssignments.Unannounced, PendingAssignments.Announced);
        var firstOffersOnOrders = builder
            .Stream(OrderFlowTopics.OrdersPlaced, Consumed<string, OrderPlaced>.With(Serdes.String, new AvroSerde<OrderPlaced>(registry)))
            .Process(() => new EntityStateProcessor<OrderPlaced, PendingAssignment, BranchAssignmentRequest>(
                PendingStore, o => o.BranchId, o => o.OrderId.ToString(), PendingAssignments.OnPlaced, r => r.CandidateBranchId, cleanup,
                announcements), PendingStore);
        var firstOffersOnVerdicts = builder
            .Stream(OrderFlowTopics.OrdersPaid, Consumed<string, OrderPaymentOutcome>.With(Serdes.String, new AvroSerde<OrderPaymentOutcome>(registry)))
            .Process(() => new EntityStateProcessor<OrderPaymentOutcome, PendingAssignment, BranchAssignmentRequest>(
                PendingStore, v => v.BranchId, v => v.OrderId.ToString(), PendingAssignments.OnVerdict, r => r.CandidateBranchId,
                announcements: announcements with { EmitOnStart = false }), PendingStore);
        firstOffersOnOrders.Merge(firstOffersOnVerdicts).To(OrderFlowTopics.BranchAssignmentRequests, toRequests);

        // 2. The asked branch accepts, or the order waits there for capacity, moves on to the next nearest open branch,
        //    or is rejected (docs/services.md). A pick-up frees the capacity the order held and lets a waiting one in.
        //    Each decision is kept: a repeated offer is dropped, and a new instance after a crash emits it again.
        var desk = new BranchDesk(new BranchAssigner(options.MaxAttempts), options.CapacityWait, options.AssignmentTimeout);
        var decisionsOnRequests = builder
            .Stream(OrderFlowTopics.BranchAssignmentRequests, Consumed<string, BranchAssignmentRequest>.With(Serdes.String, requestsSerde))
            .Process(() => new BranchRequestProcessor(desk, options), LoadStore, DecisionsStore);
        var decisionsOnPickUps = builder
            .Stream(OrderFlowTopics.Deliveries, Consumed<string, DeliveryEvent>.With(Serdes.String, new AvroSerde<DeliveryEvent>(registry)))
            .Process(() => new PickUpProcessor(desk), LoadStore, DecisionsStore);
        var decisions = decisionsOnRequests.Merge(decisionsOnPickUps);
        decisions.Filter((_, d) => d.NextRequest is not null).MapValues(d => d.NextRequest!)
            .To(OrderFlowTopics.BranchAssignmentRequests, toRequests);
        decisions.Filter((_, d) => d.Outcome is not null).MapValues(d => d.Outcome!)
            .To(OrderFlowTopics.OrdersBranchAssigned, Produced<string, BranchAssignmentOutcome>.With(
                Serdes.String, new AvroSerde<BranchAssignmentOutcome>(registry), new BranchPartitioner<BranchAssignmentOutcome>(routing)));
        return builder.Build();
    }
}
