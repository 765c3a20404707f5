using System.Text.Json.Nodes;
using Confluent.SchemaRegistry;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Interop;

/// <summary>@kafkajs/confluent-schema-registry (code nobody here wrote) against the embedded registry.</summary>
public sealed class KafkaJsSchemaRegistryInteropTests : IAsyncLifetime
{
    private RegistryFixture fixture = null!;

    public async Task InitializeAsync() => fixture = await RegistryFixture.StartAsync();

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task Register_FromNode_FetchesEncodesAndDecodesThroughOurRegistry()
    {
        var answer = await NodeRegistryClient.RunAsync(fixture.Url, "roundtrip", new JsonObject
        {
            ["subject"] = "payments-value",
            ["schema"] = Schemas.PaymentV1,
            ["record"] = new JsonObject { ["id"] = "p-1", ["amount"] = 1250 },
        });

        var id = answer["id"]!.GetValue<int>();
        Assert.Equal(id, answer["againId"]!.GetValue<int>());
        Assert.Equal(id, answer["latestId"]!.GetValue<int>());
        Assert.Equal("com.example.Payment", answer["fetchedName"]!.GetValue<string>());
        Assert.Equal("p-1", answer["decoded"]!["id"]!.GetValue<string>());
        Assert.Equal(1250, answer["decoded"]!["amount"]!.GetValue<long>());
        // Confluent framing: magic byte 0, then the id big-endian.
        Assert.StartsWith($"00{id:x8}", answer["hex"]!.GetValue<string>());

        using var client = fixture.Client();
        var schema = new Confluent.SchemaRegistry.Schema(Schemas.PaymentV1, Confluent.SchemaRegistry.SchemaType.Avro);
        Assert.Equal(id, (await client.LookupSchemaAsync("payments-value", schema, ignoreDeletedSchemas: true)).Id);
        Assert.Equal(Confluent.SchemaRegistry.Compatibility.Backward, await client.GetCompatibilityAsync());
    }
}
