using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Events;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.PaymentCompletion.Domain;
using OrderStreams.Streams;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.PaymentCompletion;

/// <summary>
/// orders.placed + payments → orders.paid (one verdict per order) and payments.refunds-due (captures that do not pay
/// their order). Both inputs are keyed by branch, so an order and its payments meet in the same task; their state is
/// kept per order id, whichever arrives first.
/// </summary>
public static class PaymentCompletionTopology
{
    public const string StateStore = "payment-state";

    public static Topology Build(ISchemaRegistryClient registry, PaymentCompletionOptions options, BranchRoutingTable routing)
    {
        var builder = new StreamsBuilder();
        var avro = new AvroTopics(registry);
        var matcher = new PaymentMatcher(options.PaymentTimeout, options.SettledRetention);
        builder.AddStateStore(Stores.KeyValueStoreBuilder(
            Stores.PersistentKeyValueStore(StateStore), Serdes.String, new JsonSerde<PaymentState>(PaymentCompletionJson.Default.PaymentState)));

        // A verdict is kept with its record until delivered, and emitted again by a new instance after a crash.
        var announcements = new Announcements<PaymentState, PaymentDecision>(PaymentMatcher.Unannounced, PaymentMatcher.Announced);

        // An order opens (or completes) its payment state; this side also runs the deadline check, on stream time and,
        // once the task is caught up with its input and idle, on the wall clock (docs/services.md).
        var decisionsOnOrders = builder
            .Stream(OrderFlowTopics.OrdersPlaced, avro.Consumed<OrderPlaced>())
            .Process(new EntityStep<OrderPlaced, PaymentState, PaymentDecision>
            {
                Store = StateStore,
                BranchOf = order => order.BranchId,
                EntityOf = order => order.OrderId.ToString(),
                Step = matcher.OnOrder,
                OutputKey = decision => decision.BranchId,
                Housekeeping = new(options.ExpiryCheckInterval, (orderId, state, now) => matcher.OnTime(Guid.Parse(orderId), state, now), matcher.DueAt)
                {
                    IdleAfter = options.IdleAfter,
                },
                Announcements = announcements,
            });

        // A payment completes the order's state, or waits in it for the order.
        var decisionsOnPayments = builder
            .Stream(OrderFlowTopics.Payments, avro.Consumed<PaymentEvent>())
            .Process(new EntityStep<PaymentEvent, PaymentState, PaymentDecision>
            {
                Store = StateStore,
                BranchOf = payment => payment.BranchId,
                EntityOf = payment => payment.OrderId.ToString(),
                Step = matcher.OnPayment,
                OutputKey = decision => decision.BranchId,
                Announcements = announcements with { EmitOnStart = false },
            });

        // One verdict per order, and a refund due for each capture that does not pay it, keyed by the order's branch.
        var decisions = decisionsOnOrders.Merge(decisionsOnPayments);
        decisions.Filter((_, d) => d.Verdict is not null).MapValues(d => d.Verdict!)
            .To(OrderFlowTopics.OrdersPaid, avro.Produced(new BranchPartitioner<OrderPaymentOutcome>(routing)));
        decisions.Filter((_, d) => d.Refund is not null).MapValues(d => d.Refund!)
            .To(OrderFlowTopics.RefundsDue, avro.Produced(new BranchPartitioner<PaymentRefundDue>(routing)));
        return builder.Build();
    }
}
