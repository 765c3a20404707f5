using System.Net;
using System.Text.Json;
using Confluent.SchemaRegistry;
using OrderStreams.SchemaRegistry.Tests.Support;
using TestSchemas = OrderStreams.SchemaRegistry.Tests.Support.Schemas;

namespace OrderStreams.SchemaRegistry.Tests.Server;

/// <summary>
/// The registry's Confluent semantics (global ids, versions, compatibility levels, deletes, persistence) as
/// Confluent.SchemaRegistry's client sees them; what that client has no call for (deletes, usages) over raw HTTP.
/// </summary>
public sealed class RegistrySemanticsTests : IAsyncLifetime
{
    private RegistryFixture fixture = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        fixture = await RegistryFixture.StartAsync();
        http = new HttpClient { BaseAddress = fixture.Registry.Url };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await fixture.DisposeAsync();
    }

    [Fact]
    public async Task Register_NewSubject_ReturnsIdThatAnotherClientFetches()
    {
        using var client = fixture.Client();
        var id = await Register(client, "payments-value", TestSchemas.PaymentV1);

        using var fresh = fixture.Client();
        var schema = (await fresh.GetSchemaAsync(id)).SchemaString;

        Assert.Contains("\"name\":\"Payment\"", schema);
        Assert.Contains("\"amount\"", schema);
    }

    [Fact]
    public async Task Register_SameSchemaTwiceWithOtherWhitespace_SameIdAndOneVersion()
    {
        using var client = fixture.Client();
        using var other = fixture.Client();

        var first = await Register(client, "payments-value", TestSchemas.PaymentV1);
        var second = await Register(other, "payments-value", TestSchemas.PaymentV1.Replace("\n", " "));

        Assert.Equal(first, second);
        Assert.Equal([1], await client.GetSubjectVersionsAsync("payments-value"));
    }

    [Fact]
    public async Task Register_SameSchemaUnderTwoSubjects_SharesTheGlobalId()
    {
        using var client = fixture.Client();

        var a = await Register(client, "payments-value", TestSchemas.PaymentV1);
        var b = await Register(client, "refunds-value", TestSchemas.PaymentV1);
        var c = await Register(client, "others-value", TestSchemas.Other);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        using var usages = JsonDocument.Parse(await http.GetStringAsync($"/schemas/ids/{a}/versions"));
        Assert.Equal(
            ["payments-value:1", "refunds-value:1"],
            usages.RootElement.EnumerateArray()
                .Select(u => $"{u.GetProperty("subject").GetString()}:{u.GetProperty("version").GetInt32()}").Order());
    }

    [Fact]
    public async Task Register_ManyClientsAtOnce_OneIdPerSchemaAndOneVersionPerSubject()
    {
        var clients = Enumerable.Range(0, 12).Select(_ => fixture.Client()).ToList();
        await clients[0].UpdateCompatibilityAsync(Compatibility.None);

        var ids = await Task.WhenAll(clients.Select((client, i) =>
            Register(client, $"subject-{i % 3}-value", i % 2 == 0 ? TestSchemas.PaymentV1 : TestSchemas.Other)));

        using var reader = fixture.Client();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.All(ids.Where((_, i) => i % 2 == 0), id => Assert.Equal(ids[0], id));
        foreach (var subject in await reader.GetAllSubjectsAsync())
            Assert.Equal([1, 2], await reader.GetSubjectVersionsAsync(subject));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Register_CompatibleEvolution_AddsVersionAndLatestFollows()
    {
        using var client = fixture.Client();

        var v1 = await Register(client, "payments-value", TestSchemas.PaymentV1);
        var v2 = await Register(client, "payments-value", TestSchemas.PaymentV2);

        Assert.NotEqual(v1, v2);
        Assert.Equal([1, 2], await client.GetSubjectVersionsAsync("payments-value"));
        var latest = await client.GetLatestSchemaAsync("payments-value");
        Assert.Equal(("payments-value", v2, 2), (latest.Subject, latest.Id, latest.Version));
        Assert.Equal(v1, (await client.GetRegisteredSchemaAsync("payments-value", 1)).Id);
        Assert.Equal(["payments-value"], await client.GetAllSubjectsAsync());
    }

    [Fact]
    public async Task Register_IncompatibleEvolution_Throws409WithTheReasonAndKeepsOneVersion()
    {
        using var client = fixture.Client();
        await Register(client, "payments-value", TestSchemas.PaymentV1);

        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            Register(client, "payments-value", TestSchemas.PaymentIncompatible));

        Assert.Equal((HttpStatusCode.Conflict, SchemaRegistryErrorCodes.IncompatibleSchema), (e.Status, e.ErrorCode));
        Assert.Contains("status", e.Message);
        Assert.Equal([1], await client.GetSubjectVersionsAsync("payments-value"));
    }

    [Fact]
    public async Task Register_InvalidSchema_Throws422With42201()
    {
        using var client = fixture.Client();

        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            Register(client, "payments-value", """{"type":"record","name":"Broken","fields":[{"name":"x"}]}"""));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, SchemaRegistryErrorCodes.InvalidSchema), (e.Status, e.ErrorCode));
    }

    [Fact]
    public async Task GetRegisteredSchema_UnknownSubjectOrVersion_Throws40401Or40402()
    {
        using var client = fixture.Client();
        await Register(client, "payments-value", TestSchemas.PaymentV1);

        var noSubject = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetLatestSchemaAsync("nope-value"));
        var noVersion = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetRegisteredSchemaAsync("payments-value", 7));

        Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, noSubject.ErrorCode);
        Assert.Equal(SchemaRegistryErrorCodes.VersionNotFound, noVersion.ErrorCode);
    }

    [Fact]
    public async Task LookupSchema_RegisteredAndUnregisteredSchemas_FindsOnlyTheRegisteredOne()
    {
        using var client = fixture.Client();
        var id = await Register(client, "payments-value", TestSchemas.PaymentV1);

        var found = await client.LookupSchemaAsync("payments-value", Avro(TestSchemas.PaymentV1), ignoreDeletedSchemas: true);
        var missing = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            client.LookupSchemaAsync("payments-value", Avro(TestSchemas.PaymentV2), ignoreDeletedSchemas: true));
        var noSubject = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            client.LookupSchemaAsync("nope-value", Avro(TestSchemas.PaymentV1), ignoreDeletedSchemas: true));

        Assert.Equal(("payments-value", id, 1), (found.Subject, found.Id, found.Version));
        Assert.Equal(SchemaRegistryErrorCodes.SchemaNotFound, missing.ErrorCode);
        Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, noSubject.ErrorCode);
    }

    [Fact]
    public async Task UpdateCompatibility_SubjectNone_AllowsAnIncompatibleChangeThereOnly()
    {
        using var client = fixture.Client();
        await Register(client, "payments-value", TestSchemas.PaymentV1);

        Assert.Equal(Compatibility.Backward, await client.GetCompatibilityAsync());
        Assert.Equal(Compatibility.None, await client.UpdateCompatibilityAsync(Compatibility.None, "payments-value"));
        await Register(client, "payments-value", TestSchemas.PaymentIncompatible);

        Assert.Equal(Compatibility.None, await client.GetCompatibilityAsync("payments-value"));
        var unset = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetCompatibilityAsync("other-value"));
        Assert.Equal(SchemaRegistryErrorCodes.SubjectLevelCompatibilityNotConfigured, unset.ErrorCode);
        Assert.Equal([1, 2], await client.GetSubjectVersionsAsync("payments-value"));
    }

    [Fact]
    public async Task UpdateCompatibility_GlobalForward_AppliesToSubjectsWithoutTheirOwn()
    {
        using var client = fixture.Client();
        await Register(client, "payments-value", TestSchemas.PaymentV1);

        await client.UpdateCompatibilityAsync(Compatibility.Forward);

        // Adding a required field is forward compatible (old readers ignore it) though not backward.
        Assert.Equal(Compatibility.Forward, await client.GetCompatibilityAsync());
        Assert.True(await client.IsCompatibleAsync("payments-value", Avro(TestSchemas.PaymentIncompatible)));
    }

    [Fact]
    public async Task DeleteSubject_SoftThenPermanent_HidesThenRemovesVersions()
    {
        using var client = fixture.Client();
        var id = await Register(client, "payments-value", TestSchemas.PaymentV1);
        await Register(client, "payments-value", TestSchemas.PaymentV2);

        Assert.Equal("[1,2]", await DeleteAsync("/subjects/payments-value"));
        var gone = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSubjectVersionsAsync("payments-value"));
        Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, gone.ErrorCode);
        Assert.Empty(await client.GetAllSubjectsAsync());
        Assert.Contains("Payment", (await client.GetSchemaAsync(id)).SchemaString);

        Assert.Equal("[1,2]", await DeleteAsync("/subjects/payments-value?permanent=true"));
        using var fresh = fixture.Client();
        Assert.Equal(id, await Register(fresh, "payments-value", TestSchemas.PaymentV1));
        Assert.Equal(1, (await fresh.GetLatestSchemaAsync("payments-value")).Version);
    }

    [Fact]
    public async Task DeleteVersion_Latest_LatestFallsBackAndVersionNumbersDoNotRepeat()
    {
        using var client = fixture.Client();
        await Register(client, "payments-value", TestSchemas.PaymentV1);
        await Register(client, "payments-value", TestSchemas.PaymentV2);

        Assert.Equal("2", await DeleteAsync("/subjects/payments-value/versions/latest"));
        using var fresh = fixture.Client();
        Assert.Equal(1, (await fresh.GetLatestSchemaAsync("payments-value")).Version);
        await fresh.UpdateCompatibilityAsync(Compatibility.None, "payments-value");
        await Register(fresh, "payments-value", TestSchemas.Other);

        Assert.Equal([1, 3], await fresh.GetSubjectVersionsAsync("payments-value"));
    }

    [Fact]
    public async Task Register_AfterRestart_SchemasVersionsIdsAndConfigSurvive()
    {
        int v1, v2;
        using (var client = fixture.Client())
        {
            v1 = await Register(client, "payments-value", TestSchemas.PaymentV1);
            v2 = await Register(client, "payments-value", TestSchemas.PaymentV2);
            await client.UpdateCompatibilityAsync(Compatibility.Full, "payments-value");
            await DeleteAsync("/subjects/payments-value/versions/2");
        }

        await fixture.RestartAsync();

        using var after = fixture.Client();
        Assert.Contains("amount", (await after.GetSchemaAsync(v1)).SchemaString);
        Assert.Contains("currency", (await after.GetSchemaAsync(v2)).SchemaString);
        Assert.Equal([1], await after.GetSubjectVersionsAsync("payments-value"));
        Assert.Equal(Compatibility.Full, await after.GetCompatibilityAsync("payments-value"));
        var v3 = await Register(after, "refunds-value", TestSchemas.Other);
        Assert.True(v3 > v2, $"new id {v3} must not reuse {v1} or {v2}");
    }

    [Fact]
    public async Task Register_MetadataAfterRestart_MetadataGuidAndIdentitySurvive()
    {
        var owner = new Dictionary<string, string> { ["owner"] = "payments" };
        var owned = new Schema(TestSchemas.PaymentV1, [], SchemaType.Avro, new Metadata(null, owner, null), null);
        RegisteredSchema before;
        using (var client = fixture.Client())
        {
            before = await client.RegisterSchemaWithResponseAsync("payments-value", owned);
            Assert.NotEqual(before.Id, await Register(client, "plain-value", TestSchemas.PaymentV1));
        }

        await fixture.RestartAsync();

        using var after = fixture.Client();
        var latest = await after.GetLatestWithMetadataAsync("payments-value", owner, ignoreDeletedSchemas: true);
        Assert.Equal((before.Id, before.Guid), (latest.Id, latest.Guid));
        Assert.Equal(before.Id, (await after.RegisterSchemaWithResponseAsync("other-value", owned)).Id);
        Assert.Equal("payments", (await after.GetSchemaAsync(before.Id)).Metadata.Properties["owner"]);
    }

    private static Schema Avro(string json) => new(json, SchemaType.Avro);

    private static Task<int> Register(ISchemaRegistryClient client, string subject, string json) =>
        client.RegisterSchemaAsync(subject, Avro(json));

    private async Task<string> DeleteAsync(string path)
    {
        // The restarted registry listens on a new port.
        using var client = new HttpClient { BaseAddress = fixture.Registry.Url };
        var response = await client.DeleteAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
