using System.Text;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;
using OrderStreams.Operations.Lag;
using OrderStreams.SchemaRegistry;
using OrderStreams.SchemaRegistry.Serdes;
using OrderStreams.Testing;

namespace OrderStreams.Cli.Tests.Platform;

/// <summary>Reading the platform's topics in process, for tests that check what the services wrote.</summary>
public sealed partial class DevPlatformFixture
{
    // What the platform runs (the CLI's service catalog) and what each service consumes.
    private static readonly (string Name, string[] Inputs)[] ServiceInputs =
    [
        ("payment-completion", ["orders.placed", "payments"]),
        ("branch-assignment", ["orders.placed", "orders.paid", "branch-assignment.requests", "deliveries"]),
        ("driver-assignment", ["orders.branch-assigned", "drivers.status", "deliveries"]),
        ("denormaliser", ["orders.placed", "payments", "orders.paid", "orders.branch-assigned", "orders.driver-assigned", "deliveries"]),
    ];

    public ISchemaRegistryClient Registry() => new SchemaRegistrySettings { Url = SchemaRegistryUrl }.CreateClient();

    public ConsumerConfig ConsumerConfig() => new()
    {
        BootstrapServers = BootstrapServers,
        GroupId = TestBrokerFixture.UniqueName("test-reader"),
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
    };

    /// <summary>Waits until every service is within a few seconds of its inputs and an order is delivered; returns the last one delivered.</summary>
    public Guid WaitForDeliveredOrder()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!CaughtUp() || LastDelivered() is null)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No order was delivered and caught up with within {StartTimeout}. Platform stderr: {dev.Errors}");
            Thread.Sleep(1000);
        }
        return LastDelivered()!.Value;
    }

    private Guid? LastDelivered()
    {
        using var registry = Registry();
        var deliveries = new AvroDeserializer<DeliveryEvent>(registry);
        return ReadAll("deliveries")
            .OrderBy(r => r.Message.Timestamp.UnixTimestampMs)
            .Select(r => deliveries.Deserialize(r.Message.Value, r.Topic))
            .LastOrDefault(d => d.Step is OrderDelivered)?.OrderId;
    }

    private bool CaughtUp()
    {
        using var lag = new LagReader([new("bootstrap.servers", BootstrapServers)]);
        return ServiceInputs.All(s => lag.Read(s.Name, s.Inputs) is { Partitions.Count: > 0 } reading && reading.MaxLagTime < TimeSpan.FromSeconds(5));
    }

    /// <summary>Waits until the denormaliser's view of the order has reached <paramref name="status"/>.</summary>
    public void WaitForView(Guid orderId, OrderStatus status)
    {
        using var registry = Registry();
        var views = new AvroDeserializer<OrderView>(registry);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!Mentioning("orders.view", orderId).Any(r => views.Deserialize(r.Message.Value, r.Topic).Status == status))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The view of {orderId} did not reach {status} within {StartTimeout}.");
            Thread.Sleep(500);
        }
    }

    /// <summary>Every record of a topic up to its current end.</summary>
    public List<ConsumeResult<byte[], byte[]>> ReadAll(string topic)
    {
        var config = ConsumerConfig();
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var ends = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        var open = ends.Where(e => e.Value > 0).ToDictionary(e => e.Key, e => e.Value);
        consumer.Assign(open.Keys.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (open.Count > 0 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } record || !open.TryGetValue(record.TopicPartition, out var end)) continue;
            // The end can be a transaction marker, never delivered: the EOF event ends the partition then.
            if (!record.IsPartitionEOF && record.Offset.Value < end) records.Add(record);
            if (record.IsPartitionEOF ? record.Offset.Value >= end : record.Offset.Value + 1 >= end) open.Remove(record.TopicPartition);
        }
        return records;
    }

    /// <summary>The records of <paramref name="topic"/> whose value contains the order id's bytes.</summary>
    public List<ConsumeResult<byte[], byte[]>> Mentioning(string topic, Guid orderId)
    {
        var needle = Encoding.UTF8.GetBytes(orderId.ToString());
        return ReadAll(topic).Where(r => r.Message.Value?.AsSpan().IndexOf(needle) >= 0).ToList();
    }
}
