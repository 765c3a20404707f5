using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;
using OrderStreams.Operations.Clients;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.Cli.Chaos;

/// <summary>
/// Every order's history as the topics hold it, read whole by a consumer of the audit's own (never the services'
/// stores): <c>orders.placed</c>, <c>payments</c>, the outcome topics, the refunds due, <c>deliveries</c> and the latest
/// <c>orders.view</c> record of each order.
/// </summary>
internal sealed class OrderLedger
{
    private static readonly string[] Topics =
        ["orders.placed", "payments", "orders.paid", "payments.refunds-due", "orders.branch-assigned", "orders.driver-assigned", "deliveries", "orders.view"];

    private readonly Dictionary<Guid, OrderHistory> orders = new();
    private readonly AvroDeserializer<OrderPlaced> placed;
    private readonly AvroDeserializer<PaymentEvent> payments;
    private readonly AvroDeserializer<OrderPaymentOutcome> verdicts;
    private readonly AvroDeserializer<PaymentRefundDue> refunds;
    private readonly AvroDeserializer<BranchAssignmentOutcome> branchOutcomes;
    private readonly AvroDeserializer<OrderDriverAssigned> driverAssignments;
    private readonly AvroDeserializer<DeliveryEvent> deliveries;
    private readonly AvroDeserializer<OrderView> views;

    private OrderLedger(ISchemaRegistryClient registry)
    {
        (placed, payments, verdicts, refunds, branchOutcomes, driverAssignments, deliveries, views) =
            (new(registry), new(registry), new(registry), new(registry), new(registry), new(registry), new(registry), new(registry));
    }

    public IReadOnlyDictionary<Guid, OrderHistory> Orders => orders;

    /// <summary>Records that did not decode, with where they are.</summary>
    public List<string> Unreadable { get; } = [];

    /// <summary>Partitions whose oldest records the broker dropped (the log start moved), so the ledger misses them.</summary>
    public List<string> Truncated { get; } = [];

    /// <summary>Reads every record the topics hold now.</summary>
    /// <exception cref="TimeoutException">A partition delivered nothing for a minute before its end.</exception>
    public static OrderLedger Read(ClusterConnection cluster, ISchemaRegistryClient registry, CancellationToken cancellationToken)
    {
        var ledger = new OrderLedger(registry);
        var scanner = new PartitionScanner(cluster);
        var ranges = scanner.WholePartitions(cluster.PartitionsOf(Topics));
        ledger.Truncated.AddRange(ranges.Where(r => r.Value.From > 0).Select(r => $"{r.Key} starts at offset {r.Value.From}"));
        var records = scanner.Scan(ranges, record => record.Message.Value is not null, cancellationToken: cancellationToken);
        foreach (var record in records.OrderBy(r => r.Topic, StringComparer.Ordinal).ThenBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value))
        {
            try
            {
                ledger.Add(record);
            }
            catch (AvroSerdeException e)
            {
                ledger.Unreadable.Add($"{record.TopicPartitionOffset}: {e.Message}");
            }
        }
        return ledger;
    }

    private void Add(ConsumeResult<byte[], byte[]> record)
    {
        var (topic, value) = (record.Topic, record.Message.Value);
        switch (topic)
        {
            case "orders.placed":
                var order = placed.Deserialize(value, topic);
                Of(order.OrderId).Placed ??= order;
                break;
            case "payments":
                var payment = payments.Deserialize(value, topic);
                Of(payment.OrderId).Payments.Add(payment);
                break;
            case "orders.paid":
                var verdict = verdicts.Deserialize(value, topic);
                Of(verdict.OrderId).Verdicts.Add(verdict);
                break;
            case "payments.refunds-due":
                var refund = refunds.Deserialize(value, topic);
                Of(refund.OrderId).Refunds.Add(refund);
                break;
            case "orders.branch-assigned":
                var outcome = branchOutcomes.Deserialize(value, topic);
                Of(outcome.OrderId).BranchOutcomes.Add(outcome);
                break;
            case "orders.driver-assigned":
                var assignment = driverAssignments.Deserialize(value, topic);
                Of(assignment.OrderId).DriverAssignments.Add(assignment);
                break;
            case "deliveries":
                var delivery = deliveries.Deserialize(value, topic);
                if (delivery.Step is OrderDelivered) Of(delivery.OrderId).Deliveries++;
                else Of(delivery.OrderId).PickUps++;
                break;
            case "orders.view":
                // Keyed by order id, so one partition holds all of an order's views and offset order is their order.
                var view = views.Deserialize(value, topic);
                Of(view.OrderId).View = view;
                break;
        }
    }

    private OrderHistory Of(Guid orderId)
    {
        if (!orders.TryGetValue(orderId, out var history)) orders[orderId] = history = new OrderHistory(orderId);
        return history;
    }
}
