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
        var avro = new AvroTopics(registry);
        builder.AddStateStore(Stores.KeyValueStoreBuilder(
            Stores.PersistentKeyValueStore(PendingStore), Serdes.String, new JsonSerde<PendingAssignment>(BranchAssignmentJson.Default.PendingAssignment)));
        builder.AddStateStore(Stores.KeyValueStoreBuilder(
            Stores.PersistentKeyValueStore(LoadStore), Serdes.String, new JsonSerde<BranchLoad>(BranchAssignmentJson.Default.BranchLoad)));
        builder.AddStateStore(Stores.KeyValueStoreBuilder(
            Stores.PersistentKeyValueStore(DecisionsStore), Serdes.String,
            new JsonSerde<DeskDecision>(BranchAssignmentJson.Default.DeskDecision)));
        avro.GlobalTable<Branch>(builder, OrderFlowTopics.Branches, BranchesStore);
        var toRequests = avro.Produced(new BranchPartitioner<BranchAssignmentRequest>(routing));

        // 1. A placed order waits for its payment verdict (either may come first); a paid one is offered to its own branch.
        //    The request is kept until delivered, and sent again by a new instance after a crash.
        var announcements = new Announcements<PendingAssignment, BranchAssignmentRequest>(
            PendingAssignments.Unannounced, PendingAssignments.Announced);
        var firstOffersOnOrders = builder
            .Stream(OrderFlowTopics.OrdersPlaced, avro.Consumed<OrderPlaced>())
            .Process(new EntityStep<OrderPlaced, PendingAssignment, BranchAssignmentRequest>
            {
                Store = PendingStore,
                BranchOf = order => order.BranchId,
                EntityOf = order => order.OrderId.ToString(),
                Step = PendingAssignments.OnPlaced,
                OutputKey = request => request.CandidateBranchId,
                Housekeeping = new(options.CleanupInterval, (_, state, now) =>
                    StateStep<PendingAssignment, BranchAssignmentRequest>.Unchanged(
                        PendingAssignments.OnStreamTime(state, now, options.PendingRetention)),
                    state => PendingAssignments.DueAt(state, options.PendingRetention)),
                Announcements = announcements,
            });
        var firstOffersOnVerdicts = builder
            .Stream(OrderFlowTopics.OrdersPaid, avro.Consumed<OrderPaymentOutcome>())
            .Process(new EntityStep<OrderPaymentOutcome, PendingAssignment, BranchAssignmentRequest>
            {
                Store = PendingStore,
                BranchOf = verdict => verdict.BranchId,
                EntityOf = verdict => verdict.OrderId.ToString(),
                Step = PendingAssignments.OnVerdict,
                OutputKey = request => request.CandidateBranchId,
                Announcements = announcements with { EmitOnStart = false },
            });
        firstOffersOnOrders.Merge(firstOffersOnVerdicts).To(OrderFlowTopics.BranchAssignmentRequests, toRequests);

        // 2. The asked branch accepts, or the order waits there for capacity, moves on to the next nearest open branch,
        //    or is rejected (docs/services.md). A pick-up frees the capacity the order held and lets a waiting one in.
        //    Each decision is kept: a repeated offer is dropped, and a new instance after a crash emits it again.
        var desk = new BranchDesk(new BranchAssigner(options.MaxAttempts), options.CapacityWait, options.AssignmentTimeout);
        var decisionsOnRequests = builder
            .Stream(OrderFlowTopics.BranchAssignmentRequests, avro.Consumed<BranchAssignmentRequest>())
            .Process(() => new BranchRequestProcessor(desk, options), LoadStore, DecisionsStore);
        var decisionsOnPickUps = builder
            .Stream(OrderFlowTopics.Deliveries, avro.Consumed<DeliveryEvent>())
            .Process(() => new PickUpProcessor(desk), LoadStore, DecisionsStore);
        var decisions = decisionsOnRequests.Merge(decisionsOnPickUps);
        decisions.Filter((_, d) => d.NextRequest is not null).MapValues(d => d.NextRequest!)
            .To(OrderFlowTopics.BranchAssignmentRequests, toRequests);
        decisions.Filter((_, d) => d.Outcome is not null).MapValues(d => d.Outcome!)
            .To(OrderFlowTopics.OrdersBranchAssigned, avro.Produced(new BranchPartitioner<BranchAssignmentOutcome>(routing)));
        return builder.Build();
    }
}
