using System.Text.Json.Nodes;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Interop;

/// <summary>confluent_kafka's Python SchemaRegistryClient (Debian python3-confluent-kafka) against the embedded registry.</summary>
public sealed class ConfluentKafkaPythonInteropTests : IAsyncLifetime
{
    private const string InstallHint = "Debian: apt-get install -y python3-confluent-kafka python3-requests.";

    private RegistryFixture fixture = null!;

    public async Task InitializeAsync() => fixture = await RegistryFixture.StartAsync();

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task SchemaRegistryClient_FromPython_RegistersFetchesAndSeesConfluentErrors()
    {
        var request = new JsonObject
        {
            ["subject"] = "payments-value",
            ["schema"] = Schemas.PaymentV1,
            ["evolved"] = Schemas.PaymentV2,
            ["incompatible"] = Schemas.PaymentIncompatible,
        };

        // The Debian module lives in the system interpreter, not in a pyenv or venv python that may come first on PATH.
        var result = await ExternalProcess.RunAsync("/usr/bin/python3", [Path.Combine("Interop", "python", "interop.py"), fixture.Url],
            AppContext.BaseDirectory, request.ToJsonString(), InstallHint);

        Assert.True(result.ExitCode == 0, $"python interop failed: {result}");
        var answer = JsonNode.Parse(result.StandardOutput)!;
        var id = answer["id"]!.GetValue<int>();
        Assert.Equal("AVRO", answer["fetchedType"]!.GetValue<string>());
        Assert.Equal("Payment", answer["fetchedName"]!.GetValue<string>());
        Assert.Equal(2, answer["latestVersion"]!.GetValue<int>());
        Assert.Equal(answer["evolvedId"]!.GetValue<int>(), answer["latestId"]!.GetValue<int>());
        Assert.NotEqual(id, answer["evolvedId"]!.GetValue<int>());
        Assert.Equal(1, answer["lookupVersion"]!.GetValue<int>());
        Assert.Equal("[\"payments-value\"]", answer["subjects"]!.ToJsonString());
        Assert.Equal("[1,2]", answer["versions"]!.ToJsonString());
        Assert.Equal("BACKWARD", answer["compatibility"]!.GetValue<string>());
        Assert.False(answer["incompatibleIsCompatible"]!.GetValue<bool>());
        Assert.Equal(409, answer["rejected"]!["status"]!.GetValue<int>());
        Assert.Equal(40901, answer["rejected"]!["code"]!.GetValue<int>());
        Assert.Equal(404, answer["missing"]!["status"]!.GetValue<int>());
        Assert.Equal(40403, answer["missing"]!["code"]!.GetValue<int>());
    }
}
