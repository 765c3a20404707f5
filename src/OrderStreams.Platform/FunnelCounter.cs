using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Events;
using OrderStreams.Kafka.Clients;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.Platform;

/// <summary>
/// Follows every lifecycle topic from the beginning and counts distinct orders per outcome, so the funnel is what
/// the log says, not what any service claims. Records it cannot read count as unreadable, never silently.
/// </summary>
public sealed class FunnelCounter : IDisposable
{
    private static readonly string[] Topics = ["orders.placed", "orders.paid", "orders.branch-assigned", "orders.driver-assigned", "deliveries"];

    private readonly Lock gate = new();
    private readonly Dictionary<string, HashSet<Guid>> orders = new();
    private readonly AvroDeserializer<OrderPlaced> placed;
    private readonly AvroDeserializer<OrderPaymentOutcome> paid;
    private readonly AvroDeserializer<BranchAssignmentOutcome> branchAssigned;
    private readonly AvroDeserializer<OrderDriverAssigned> driverAssigned;
    private readonly AvroDeserializer<DeliveryEvent> deliveries;
    private readonly IReadOnlyDictionary<string, int> deadLetterTopics;
    private readonly KafkaClientFactory clients;
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;
    private long deadLetters;

    public FunnelCounter(KafkaClientFactory clients, ISchemaRegistryClient registry, IReadOnlyDictionary<string, int> deadLetterTopics)
    {
        this.clients = clients;
        this.deadLetterTopics = deadLetterTopics;
        (placed, paid, branchAssigned, driverAssigned, deliveries) = (new(registry), new(registry), new(registry), new(registry), new(registry));
        thread = new Thread(Run) { IsBackground = true, Name = "funnel" };
        thread.Start();
    }

    public long Unreadable { get; private set; }

    public Funnel Snapshot()
    {
        lock (gate)
        {
            long Count(string step) => orders.TryGetValue(step, out var ids) ? ids.Count : 0;
            return new Funnel(
                Count("placed"), Count("paid"), Count("payment-failed"), Count("payment-expired"),
                Count("branch-assigned"), Count("rerouted"), Count("rejected"),
                Count("driver-assigned"), Count("picked-up"), Count("delivered"), Interlocked.Read(ref deadLetters));
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join(TimeSpan.FromSeconds(10));
        stop.Dispose();
    }

    private void Run()
    {
        using var consumer = clients.CreateConsumer<Ignore, byte[]>($"orderstreams-funnel-{Guid.NewGuid():N}", config =>
        {
            config.AutoOffsetReset = AutoOffsetReset.Earliest;
            config.EnableAutoCommit = false;
        });
        consumer.Subscribe(Topics);
        var lastDeadLetterCount = DateTime.MinValue;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (consumer.Consume(100) is { Message.Value: { } value } record) Count(record.Topic, value);
            }
            catch (ConsumeException)
            {
                // A fetch failed (a broker unreachable, an injected error); the values are bytes, so nothing was skipped.
            }
            if (DateTime.UtcNow - lastDeadLetterCount > TimeSpan.FromSeconds(1))
            {
                try
                {
                    Interlocked.Exchange(ref deadLetters, CountDeadLetters(consumer));
                }
                catch (KafkaException)
                {
                    // A broker that is down times the watermark query out: the count stays until the next round.
                }
                lastDeadLetterCount = DateTime.UtcNow;
            }
        }
        consumer.Close();
    }

    private void Count(string topic, byte[] value)
    {
        try
        {
            switch (topic)
            {
                case "orders.placed":
                    Add("placed", placed.Deserialize(value, topic).OrderId);
                    break;
                case "orders.paid":
                    var payment = paid.Deserialize(value, topic);
                    Add(payment.Outcome switch { OrderPaid => "paid", OrderPaymentFailed => "payment-failed", _ => "payment-expired" }, payment.OrderId);
                    break;
                case "orders.branch-assigned":
                    var assignment = branchAssigned.Deserialize(value, topic);
                    if (assignment.Outcome is OrderBranchAssigned accepted)
                    {
                        Add("branch-assigned", assignment.OrderId);
                        if (accepted.OriginalBranchId != assignment.BranchId) Add("rerouted", assignment.OrderId);
                    }
                    else
                    {
                        Add("rejected", assignment.OrderId);
                    }
                    break;
                case "orders.driver-assigned":
                    Add("driver-assigned", driverAssigned.Deserialize(value, topic).OrderId);
                    break;
                case "deliveries":
                    var delivery = deliveries.Deserialize(value, topic);
                    Add(delivery.Step is OrderDelivered ? "delivered" : "picked-up", delivery.OrderId);
                    break;
            }
        }
        catch (AvroSerdeException)
        {
            Unreadable++;
        }
    }

    private void Add(string step, Guid orderId)
    {
        lock (gate)
        {
            if (!orders.TryGetValue(step, out var ids)) orders[step] = ids = [];
            ids.Add(orderId);
        }
    }

    private long CountDeadLetters(IConsumer<Ignore, byte[]> consumer) => deadLetterTopics.Sum(topic =>
        Enumerable.Range(0, topic.Value).Sum(p =>
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic.Key, p), TimeSpan.FromSeconds(5));
            return watermarks.High.Value - watermarks.Low.Value;
        }));
}
