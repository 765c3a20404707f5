using OrderStreams.Contracts.Events;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.PaymentCompletion.Domain;
using OrderStreams.SchemaRegistry;
using OrderStreams.Streams;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.PaymentCompletion;

/// <summary>
/// orders.placed + payments → orders.paid. Both topics are keyed by branch, so an order and its payments meet in the
/// same task; their state is kept per order id, whichever arrives first.
/// </summary>
public static class PaymentCompletionTopology
{
    public const string StateStore = "payment-state";

    public static Topology Build(ISchemaRegistry registry, PaymentCompletionOptions options, BranchRoutingTable routing)
    {
        var builder = new StreamsBuilder();
        var matcher = new PaymentMatcher(options.PaymentTimeout, options.SettledRetention);
        builder.AddStateStore(Stores.KeyValueStoreBuilder(
            Stores.PersistentKeyValueStore(StateStore), Serdes.String, new JsonSerde<PaymentState>(PaymentCompletionJson.Default.PaymentState)));

        // An order opens (or completes) its payment state; this side also runs the deadline check, on stream time and,
        // once the partition is quiet, on the wall clock (docs/services.md).
        var deadlines = new Housekeeping<PaymentState, OrderPaymentOutcome>(
            options.ExpiryCheckInterval, (key, state, now) => matcher.OnTime(Guid.Parse(key), state, now)) { IdleAfter = options.IdleAfter };
        var verdictsOnOrders = builder
            .Stream(OrderFlowTopics.OrdersPlaced, Consumed<string, OrderPlaced>.With(Serdes.String, new AvroSerde<OrderPlaced>(registry)))
            .Process(() => new EntityStateProcessor<OrderPlaced, PaymentState, OrderPaymentOutcome>(
                StateStore, o => o.BranchId, o => o.OrderId.ToString(), matcher.OnOrder, v => v.BranchId, deadlines), StateStore);

        // A payment completes the order's state, or waits in it for the order.
        var verdictsOnPayments = builder
            .Stream(OrderFlowTopics.Payments, Consumed<string, PaymentEvent>.With(Serdes.String, new AvroSerde<PaymentEvent>(registry)))
            .Process(() => new EntityStateProcessor<PaymentEvent, PaymentState, OrderPaymentOutcome>(
                StateStore, p => p.BranchId, p => p.OrderId.ToString(), matcher.OnPayment, v => v.BranchId), StateStore);

        // One verdict per order, keyed by its branch.
        verdictsOnOrders.Merge(verdictsOnPayments).To(
            OrderFlowTopics.OrdersPaid,
            Produced<string, OrderPaymentOutcome>.With(Serdes.String, new AvroSerde<OrderPaymentOutcome>(registry), new BranchPartitioner<OrderPaymentOutcome>(routing)));
        return builder.Build();
    }
}
