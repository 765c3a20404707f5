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
        var matcher = new PaymentMatcher(options.PaymentTimeout, options.SettledRetention);
        builder.AddStateStore(Stores.KeyValueStoreBuilder(
            Stores.PersistentKeyValueStore(StateStore), Serdes.String, new JsonSerde<PaymentState>(PaymentCompletionJson.Default.PaymentState)));

        // An order opens (or completes) its payment state; this side also runs the deadline check, on stream time and,
        // once the task is caught up with its input and idle, on the wall clock (docs/services.md).
        var deadlines = new Housekeeping<PaymentState, PaymentDecision>(
            options.ExpiryCheckInterval, (key, state, now) => matcher.OnTime(Guid.Parse(key), state, now)) { IdleAfter = options.IdleAfter };
        // A verdict is kept with its record until delivered, and emitted again by a new instance after a crash.
        var announcements = new Announcements<PaymentState, PaymentDecision>(PaymentMatcher.Unannounced, PaymentMatcher.Announced);
        var decisionsOnOrders = builder
            .Stream(OrderFlowTopics.OrdersPlaced, Consumed<string, OrderPlaced>.With(Serdes.String, new AvroSerde<OrderPlaced>(registry)))
            .Process(() => new EntityStateProcessor<OrderPlaced, PaymentState, PaymentDecision>(
                StateStore, o => o.BranchId, o => o.OrderId.ToString(), matcher.OnOrder, d => d.BranchId, deadlines, announcements),
                StateStore);

        // A payment completes the order's state, or waits in it for the order.
        var decisionsOnPayments = builder
            .Stream(OrderFlowTopics.Payments, Consumed<string, PaymentEvent>.With(Serdes.String, new AvroSerde<PaymentEvent>(registry)))
            .Process(() => new EntityStateProcessor<PaymentEvent, PaymentState, PaymentDecision>(
                StateStore, p => p.BranchId, p => p.OrderId.ToString(), matcher.OnPayment, d => d.BranchId,
                announcements: announcements with { EmitOnStart = false }), StateStore);

        // One verdict per order, and a refund due for each capture that does not pay it, keyed by the order's branch.
        var decisions = decisionsOnOrders.Merge(decisionsOnPayments);
        decisions.Filter((_, d) => d.Verdict is not null).MapValues(d => d.Verdict!).To(
            OrderFlowTopics.OrdersPaid,
            Produced<string, OrderPaymentOutcome>.With(Serdes.String, new AvroSerde<OrderPaymentOutcome>(registry), new BranchPartitioner<OrderPaymentOutcome>(routing)));
        decisions.Filter((_, d) => d.Refund is not null).MapValues(d => d.Refund!).To(
            OrderFlowTopics.RefundsDue,
            Produced<string, PaymentRefundDue>.With(Serdes.String, new AvroSerde<PaymentRefundDue>(registry), new BranchPartitioner<PaymentRefundDue>(routing)));
        return builder.Build();
    }
}
