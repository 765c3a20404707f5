using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Avro.Specific;
using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using OrderStreams.SchemaRegistry.Serdes;
using OrderStreams.Testing;

namespace OrderStreams.Operations.Tests.Support;

/// <summary>Order-flow events, and producing them as the services and the simulator do (registry-framed Avro, keyed by branch).</summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Money Total = new() { AmountCents = 1500, Currency = "EUR" };
    private static readonly GeoLocation Somewhere = new() { Lat = 52.0, Lon = 4.0 };

    public static OrderPlaced Placed(Guid orderId, string branch) => new()
    {
        OrderId = orderId,
        BranchId = branch,
        CustomerId = "customer-1",
        Items = [new OrderItem { Sku = "soup", Name = "Soup", Quantity = 1, UnitPrice = Total }],
        Totals = new OrderTotals { Subtotal = Total, DeliveryFee = new Money { AmountCents = 0, Currency = "EUR" }, Total = Total },
        DeliveryLocation = Somewhere,
        DeliveryAddress = "Main St 1",
        PlacedAt = T0,
    };

    public static OrderPaymentOutcome Paid(Guid orderId, string branch) => new()
    {
        OrderId = orderId,
        BranchId = branch,
        At = T0.AddMinutes(1),
        Outcome = new OrderPaid { PaymentId = Guid.NewGuid(), Amount = Total },
    };

    public static BranchAssignmentOutcome MovedTo(Guid orderId, string from, string to) => new()
    {
        OrderId = orderId,
        BranchId = to,
        At = T0.AddMinutes(2),
        Outcome = new OrderBranchAssigned { OriginalBranchId = from, Attempt = 2, DistanceKm = 1.5 },
    };

    /// <summary>Produces <paramref name="value"/> keyed by <paramref name="key"/> (partitioned by murmur2) and returns where it landed.</summary>
    public static async Task<TopicPartitionOffset> ProduceAsync<T>(TestBrokerFixture kafka, ISchemaRegistryClient registry, string topic, string key, T value, DateTimeOffset timestamp)
        where T : class, IAvroRecord<T>
    {
        using var producer = new ProducerBuilder<string, T>(kafka.ProducerConfig()).SetValueSerializer((IAsyncSerializer<T>)new AvroSerializer<T>(registry)).Build();
        var result = await producer.ProduceAsync(topic, new Message<string, T> { Key = key, Value = value, Timestamp = new Timestamp(timestamp) });
        return result.TopicPartitionOffset;
    }
}
