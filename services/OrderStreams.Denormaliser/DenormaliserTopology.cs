using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;
using OrderStreams.Denormaliser.Domain;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.Streams;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Denormaliser;

/// <summary>
/// Every lifecycle topic + branches + drivers → orders.view (keyed by order id; <see cref="DenormaliserOptions.ViewTopic"/>). The lifecycle events are re-keyed by
/// order id first, so all events of one order meet in one task even when the order moved to another branch; branches
/// and drivers are global tables, and a periodic check re-emits the live orders whose branch or driver changed.
/// </summary>
public static class DenormaliserTopology
{
    public const string ViewsStore = "order-views";
    public const string BranchIndexStore = "branch-orders";
    public const string DriverIndexStore = "driver-orders";
    public const string ReferenceVersionsStore = "reference-versions";
    public const string TracesStore = "order-traces";
    public const string BranchesStore = "branches";
    public const string DriversStore = "drivers";

    public static Topology Build(ISchemaRegistryClient registry, DenormaliserOptions options)
    {
        var builder = new StreamsBuilder();
        var avro = new AvroTopics(registry);
        string[] stores = [ViewsStore, BranchIndexStore, DriverIndexStore, ReferenceVersionsStore, TracesStore];
        var viewSerde = avro.Serde<OrderView>();
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(ViewsStore), Serdes.String, viewSerde));
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(BranchIndexStore), Serdes.String, Serdes.String));
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(DriverIndexStore), Serdes.String, Serdes.String));
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(ReferenceVersionsStore), Serdes.String, Serdes.Long));
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(TracesStore), Serdes.String, Serdes.String));
        avro.GlobalTable<Branch>(builder, OrderFlowTopics.Branches, BranchesStore);
        avro.GlobalTable<Driver>(builder, OrderFlowTopics.Drivers, DriversStore);

        KStream<string, OrderView> Fold<V>(string topic, string byOrder, Func<V, Guid> orderOf, Func<OrderView?, V, ViewState, OrderView> fold, TimeSpan? refresh = null)
            where V : class, Avro.Specific.IAvroRecord<V>
        {
            return builder.Stream(topic, avro.Consumed<V>())
                .SelectKey((_, v) => orderOf(v).ToString())
                .Repartition(new Repartitioned<string, V> { Name = byOrder, KeySerde = Serdes.String, ValueSerde = avro.Serde<V>() })
                .Process(() => new ViewProcessor<V>(orderOf, fold, refresh), stores);
        }

        var views = Fold<OrderPlaced>(OrderFlowTopics.OrdersPlaced, "placed-by-order", o => o.OrderId,
                (view, order, state) => OrderViews.OnPlaced(view, order, state.Branch(order.BranchId)), options.ReferenceRefreshInterval)
            .Merge(Fold<PaymentEvent>(OrderFlowTopics.Payments, "payments-by-order", p => p.OrderId,
                (view, payment, state) => OrderViews.OnPayment(view, payment, state.Branch(payment.BranchId))))
            .Merge(Fold<OrderPaymentOutcome>(OrderFlowTopics.OrdersPaid, "paid-by-order", o => o.OrderId,
                (view, outcome, state) => OrderViews.OnPaymentOutcome(view, outcome, state.Branch(outcome.BranchId))))
            .Merge(Fold<BranchAssignmentOutcome>(OrderFlowTopics.OrdersBranchAssigned, "branch-assigned-by-order", o => o.OrderId,
                (view, outcome, state) => OrderViews.OnBranchOutcome(view, outcome, state.Branch)))
            .Merge(Fold<OrderDriverAssigned>(OrderFlowTopics.OrdersDriverAssigned, "driver-assigned-by-order", a => a.OrderId,
                (view, assigned, state) => OrderViews.OnDriverAssigned(view, assigned, state.Branch(assigned.BranchId), state.Driver(assigned.DriverId))))
            .Merge(Fold<DeliveryEvent>(OrderFlowTopics.Deliveries, "deliveries-by-order", d => d.OrderId,
                (view, delivery, state) => OrderViews.OnDelivery(view, delivery, state.Branch(delivery.BranchId))));

        // The denormalised log: every version of every order, keyed by order id (compacted: the latest version stays).
        views.To(options.ViewTopic, Produced<string, OrderView>.With(Serdes.String, viewSerde));
        return builder.Build();
    }
}
