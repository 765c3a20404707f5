using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry.Serdes;
using OrderStreams.Contracts.Events;
using OrderStreams.Hosting.Configuration;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.SchemaRegistry;
using OrderStreams.Streams.TestDriver;
using static OrderStreams.PaymentCompletion.Tests.Samples;
using Serdes = OrderStreams.Streams.Serialization.Serdes;

namespace OrderStreams.PaymentCompletion.Tests;

/// <summary>
/// Records produced as another team would: generic records built from the schema text, serialized by Confluent's
/// <c>AvroSerializer&lt;GenericRecord&gt;</c>. The service reads them as it reads the simulator's.
/// </summary>
public sealed class ConfluentProducerTests : IDisposable
{
    private readonly string stateDir =
        Path.Combine(Path.GetTempPath(), "payment-completion-tests", Guid.NewGuid().ToString("N"));
    private readonly InMemorySchemaRegistry registry = new();
    private readonly TopologyTestDriver driver;

    public ConfluentProducerTests()
    {
        var options = new PaymentCompletionOptions { PaymentTimeout = TimeSpan.FromMinutes(15) };
        var config = ServiceStreamsConfig.Create(
            PaymentCompletionService.Name,
            new KafkaOptions { BootstrapServers = "test:9092" },
            new StreamsOptions { StateDir = stateDir });
        driver = new TopologyTestDriver(PaymentCompletionTopology.Build(registry, options, BranchRoutingTable.Empty), config, T0);
    }

    [Fact]
    public async Task Pipe_ConfluentGenericOrderThenCapture_OnePaidVerdictLikeTheSimulators()
    {
        var orderId = Guid.NewGuid();
        var serializer = new AvroSerializer<GenericRecord>(registry);
        var orders = driver.CreateInputTopic(OrderFlowTopics.OrdersPlaced, Serdes.String, Serdes.ByteArray);
        var payments = driver.CreateInputTopic(OrderFlowTopics.Payments, Serdes.String, Serdes.ByteArray);
        var verdicts = driver.CreateOutputTopic(
            OrderFlowTopics.OrdersPaid, Serdes.String, new AvroSerde<OrderPaymentOutcome>(registry));

        var order = await serializer.SerializeAsync(Order(orderId), Value(OrderFlowTopics.OrdersPlaced));
        var capture = await serializer.SerializeAsync(Capture(orderId), Value(OrderFlowTopics.Payments));
        orders.PipeInput("branch-01", order, T0);
        payments.PipeInput("branch-01", capture, T0.AddMinutes(1));

        var verdict = Assert.Single(verdicts.ReadRecordsToList());
        Assert.Equal("branch-01", verdict.Key);
        Assert.Equal(orderId, verdict.Value.OrderId);
        Assert.IsType<OrderPaid>(verdict.Value.Outcome);
    }

    public void Dispose()
    {
        driver.Dispose();
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    private static SerializationContext Value(string topic) => new(MessageComponentType.Value, topic);

    private static GenericRecord Order(Guid orderId)
    {
        var schema = (RecordSchema)Schema.Parse(OrderPlaced.SchemaJson);
        var item = Record(
            Field<ArraySchema>(schema, "items").ItemSchema, ("sku", "pizza"), ("name", "Pizza"), ("quantity", 1), ("note", null));
        item.Add("unitPrice", Money(Field<RecordSchema>((RecordSchema)item.Schema, "unitPrice"), 2200));
        var totalsSchema = Field<RecordSchema>(schema, "totals");
        var moneySchema = Field<RecordSchema>(totalsSchema, "total");
        var totals = Record(
            totalsSchema,
            ("subtotal", Money(moneySchema, 2200)), ("deliveryFee", Money(moneySchema, 300)), ("total", Money(moneySchema, 2500)));
        var location = Record(Field<RecordSchema>(schema, "deliveryLocation"), ("lat", 52.37), ("lon", 4.89));
        return Record(schema,
            ("orderId", orderId), ("branchId", "branch-01"), ("customerId", "customer-1"), ("items", new object[] { item }),
            ("totals", totals), ("deliveryLocation", location), ("deliveryAddress", "Dam 1"),
            ("channel", new GenericEnum(Field<EnumSchema>(schema, "channel"), "APP")), ("customerNote", null),
            ("placedAt", T0.UtcDateTime));
    }

    private static GenericRecord Capture(Guid orderId)
    {
        var schema = (RecordSchema)Schema.Parse(PaymentEvent.SchemaJson);
        return Record(schema,
            ("paymentId", Guid.NewGuid()), ("orderId", orderId), ("branchId", "branch-01"),
            ("amount", Money(Field<RecordSchema>(schema, "amount"), 2500)),
            ("status", new GenericEnum(Field<EnumSchema>(schema, "status"), "CAPTURED")), ("failureReason", null),
            ("at", T0.UtcDateTime));
    }

    private static GenericRecord Money(RecordSchema schema, long cents) => Record(schema, ("amountCents", cents), ("currency", "EUR"));

    /// <summary>A field's schema, the non-null branch for an optional field.</summary>
    private static T Field<T>(RecordSchema schema, string name)
        where T : Schema =>
        (T)(schema[name].Schema is UnionSchema union ? union.Schemas.Single(s => s.Tag != Schema.Type.Null) : schema[name].Schema);

    private static GenericRecord Record(Schema schema, params (string Name, object? Value)[] fields)
    {
        var record = new GenericRecord((RecordSchema)schema);
        foreach (var (name, value) in fields)
            record.Add(name, value);
        return record;
    }
}
