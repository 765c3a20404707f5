using System.Text.Json.Nodes;
using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using OrderStreams.SchemaRegistry.Serdes;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Interop;

/// <summary>
/// Our serdes and @kafkajs/confluent-schema-registry (with avsc) read each other's Confluent-framed bytes, through
/// the embedded registry: magic byte, schema id, and the Avro binary of a record with a nested record, an enum,
/// an optional union and logical types.
/// </summary>
public sealed class KafkaJsSerdeInteropTests : IAsyncLifetime
{
    private const string Topic = "payments";

    private RegistryFixture fixture = null!;

    public async Task InitializeAsync() => fixture = await RegistryFixture.StartAsync();

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task Decode_BytesFromOurSerializer_NodeReadsEveryField()
    {
        using var client = fixture.Client();
        var payment = new PaymentEvent
        {
            PaymentId = Guid.Parse("6f1c2a9e-8a43-4d3c-9a51-0d2a8f0c7b11"),
            OrderId = Guid.Parse("0b7e3d52-1f5c-4b8e-a3e4-5c6d7e8f9a01"),
            BranchId = "branch-07",
            Amount = new Money { AmountCents = 2599, Currency = "EUR" },
            Status = PaymentStatus.Captured,
            FailureReason = null,
            At = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123),
        };
        var bytes = await new AvroSerializer<PaymentEvent>(client).SerializeAsync(payment, Topic);

        var decoded = (await NodeRegistryClient.RunAsync(fixture.Url, "decode", new JsonObject { ["hex"] = Convert.ToHexStringLower(bytes) }))["decoded"]!;

        Assert.Equal("6f1c2a9e-8a43-4d3c-9a51-0d2a8f0c7b11", decoded["paymentId"]!.GetValue<string>());
        Assert.Equal("0b7e3d52-1f5c-4b8e-a3e4-5c6d7e8f9a01", decoded["orderId"]!.GetValue<string>());
        Assert.Equal("branch-07", decoded["branchId"]!.GetValue<string>());
        Assert.Equal(2599, decoded["amount"]!["amountCents"]!.GetValue<long>());
        Assert.Equal("EUR", decoded["amount"]!["currency"]!.GetValue<string>());
        Assert.Equal("CAPTURED", decoded["status"]!.GetValue<string>());
        Assert.Null(decoded["failureReason"]);
        Assert.Equal(1_700_000_000_123, decoded["at"]!.GetValue<long>());
    }

    [Fact]
    public async Task Deserialize_BytesFromNode_OurDeserializerReadsEveryField()
    {
        var registered = await NodeRegistryClient.RunAsync(fixture.Url, "register", new JsonObject
        {
            ["subject"] = $"{Topic}-value",
            ["schema"] = PaymentEvent.SchemaJson,
        });
        var id = registered["id"]!.GetValue<int>();
        var encoded = await NodeRegistryClient.RunAsync(fixture.Url, "encode", new JsonObject
        {
            ["id"] = id,
            ["record"] = new JsonObject
            {
                ["paymentId"] = "6f1c2a9e-8a43-4d3c-9a51-0d2a8f0c7b11",
                ["orderId"] = "0b7e3d52-1f5c-4b8e-a3e4-5c6d7e8f9a01",
                ["branchId"] = "branch-03",
                ["amount"] = new JsonObject { ["amountCents"] = 1450, ["currency"] = "GBP" },
                ["status"] = "FAILED",
                ["failureReason"] = "card declined",
                ["at"] = 1_700_000_000_999,
            },
        });

        using var client = fixture.Client();
        var payment = new AvroDeserializer<PaymentEvent>(client).Deserialize(Convert.FromHexString(encoded["hex"]!.GetValue<string>()), Topic);

        // Node registered the very schema our serializer would: the registry gives it the same id.
        Assert.Equal(id, await new AvroSerializer<PaymentEvent>(client).SchemaIdAsync(Topic));
        Assert.Equal(Guid.Parse("6f1c2a9e-8a43-4d3c-9a51-0d2a8f0c7b11"), payment.PaymentId);
        Assert.Equal("branch-03", payment.BranchId);
        Assert.Equal(new Money { AmountCents = 1450, Currency = "GBP" }, payment.Amount);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("card declined", payment.FailureReason);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_999), payment.At);
    }
}
