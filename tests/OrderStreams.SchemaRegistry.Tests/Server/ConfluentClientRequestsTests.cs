using System.Buffers.Binary;
using System.Net;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using OrderStreams.SchemaRegistry.Tests.Support;
using TestSchemas = OrderStreams.SchemaRegistry.Tests.Support.Schemas;

namespace OrderStreams.SchemaRegistry.Tests.Server;

/// <summary>
/// Every public member of Confluent.SchemaRegistry 2.16's <see cref="ISchemaRegistryClient"/>, called through
/// <see cref="CachedSchemaRegistryClient"/>, answered as Confluent's registry (Confluent Platform 8.x) answers: a
/// case that succeeds and, where Confluent's API has one, its error status and code.
/// </summary>
public sealed class ConfluentClientRequestsTests : IAsyncLifetime
{
    private const string Subject = "payments-value";

    private RegistryFixture fixture = null!;
    private CachedSchemaRegistryClient client = null!;

    public async Task InitializeAsync()
    {
        fixture = await RegistryFixture.StartAsync();
        client = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = fixture.Url });
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await fixture.DisposeAsync();
    }

    [Fact]
    public void Properties_FromConfig_AreTheClientsOwn()
    {
        Assert.Contains(client.Config, c => c.Key == "schema.registry.url" && c.Value == fixture.Url);
        Assert.Equal(CachedSchemaRegistryClient.DefaultMaxCachedSchemas, client.MaxCachedSchemas);
        Assert.Null(client.AuthHeaderProvider);
        Assert.Null(client.Proxy);
    }

    [Fact]
    public async Task RegisterSchema_NewAndAgain_SameIdAndIncompatibleIs409With40901()
    {
        var id = await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1));

        using var other = fixture.Client();
        Assert.Equal(id, await other.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1), normalize: true));
        await AssertFailsAsync(() => client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentIncompatible)), 40901);
    }

    [Fact]
    public async Task RegisterSchema_AvroString_RegistersAndInvalidIs422With42201()
    {
#pragma warning disable CS0618 // the interface's obsolete string overload is part of what the registry must answer
        Assert.True(await client.RegisterSchemaAsync(Subject, TestSchemas.PaymentV1) > 0);
        await AssertFailsAsync(() => client.RegisterSchemaAsync("broken-value", """{"type":"record"}"""), 42201);
#pragma warning restore CS0618
    }

    [Fact]
    public async Task RegisterSchemaWithResponse_New_AnswersIdVersionGuidAndSchema()
    {
        var registered = await client.RegisterSchemaWithResponseAsync(Subject, Avro(TestSchemas.PaymentV1));

        Assert.Equal((1, 1), (registered.Id, registered.Version));
        Assert.True(Guid.TryParse(registered.Guid, out _));
        Assert.Contains("Payment", registered.SchemaString);
        await AssertFailsAsync(() => client.RegisterSchemaWithResponseAsync(Subject, Avro("""{"type":"nosuchtype"}""")), 42201);
    }

    [Fact]
    public async Task RegisterSchema_WithRuleSet_KeepsTheSchemaAndDropsTheRulesAsConfluentsCommunityRegistry()
    {
        var rule = new Rule("positive", RuleKind.Condition, RuleMode.Write, "CEL", null, null, "message.amount > 0", null, null, false);
        var withRules = new Schema(TestSchemas.PaymentV1, [], SchemaType.Avro, null, new RuleSet([], [rule]));

        var id = await client.RegisterSchemaAsync(Subject, withRules);

        using var other = fixture.Client();
        var latest = await other.GetLatestSchemaAsync(Subject);
        Assert.Equal((id, 1), (latest.Id, latest.Version));
        Assert.Null(latest.RuleSet);
    }

    [Fact]
    public async Task GetSchemaId_RegisteredUnregisteredAndUnknownSubject_IdOr40403Or40401()
    {
        var id = await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1));

        using var fresh = fixture.Client();
        using var other = fixture.Client();

        Assert.Equal(id, await fresh.GetSchemaIdAsync(Subject, Avro(TestSchemas.PaymentV1)));
#pragma warning disable CS0618 // the obsolete string overload makes the same request
        Assert.Equal(id, await other.GetSchemaIdAsync(Subject, TestSchemas.PaymentV1));
#pragma warning restore CS0618
        await AssertFailsAsync(() => fresh.GetSchemaIdAsync(Subject, Avro(TestSchemas.PaymentV2)), 40403);
        await AssertFailsAsync(() => fresh.GetSchemaIdAsync("nobody-value", Avro(TestSchemas.PaymentV1)), 40401);
    }

    [Fact]
    public async Task GetSchemaById_KnownAndUnknown_SchemaOr40403()
    {
        var id = await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1));

        using var other = fixture.Client();

        var schema = await client.GetSchemaAsync(id);
        var bySubject = await other.GetSchemaBySubjectAndIdAsync(Subject, id);

        Assert.Equal(SchemaType.Avro, schema.SchemaType);
        Assert.Equal(schema.SchemaString, bySubject.SchemaString);
        await AssertFailsAsync(() => client.GetSchemaAsync(4242), 40403);
        await AssertFailsAsync(() => client.GetSchemaBySubjectAndIdAsync(Subject, 4242), 40403);
    }

    [Fact]
    public async Task GetSchemaByGuid_RegisteredGuidAndUnknown_TheSchemaOr40403()
    {
        var registered = await client.RegisterSchemaWithResponseAsync(Subject, Avro(TestSchemas.PaymentV1));
        using var other = fixture.Client();

        var byGuid = await other.GetSchemaByGuidAsync(registered.Guid);

        Assert.Equal(registered.SchemaString, byGuid.SchemaString);
        Assert.Equal(registered.Guid, (await other.GetRegisteredSchemaAsync(Subject, 1)).Guid);
        await AssertFailsAsync(() => client.GetSchemaByGuidAsync(Guid.NewGuid().ToString()), 40403);
    }

    [Fact]
    public async Task LookupSchema_SoftDeletedVersion_FoundOnlyWhenDeletedAreIncluded()
    {
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1));
        Assert.Equal(1, (await client.LookupSchemaAsync(Subject, Avro(TestSchemas.PaymentV1), ignoreDeletedSchemas: true)).Version);

        await DeleteAsync($"/subjects/{Subject}/versions/1");

        using var fresh = fixture.Client();
        Assert.Equal(1, (await fresh.LookupSchemaAsync(Subject, Avro(TestSchemas.PaymentV1), ignoreDeletedSchemas: false)).Version);
        using var another = fixture.Client();
        await AssertFailsAsync(() => another.LookupSchemaAsync(Subject, Avro(TestSchemas.PaymentV1), ignoreDeletedSchemas: true), 40401);
    }

    [Fact]
    public async Task GetRegisteredSchema_KnownUnknownInvalidVersionAndSubject_SchemaOr40402Or42202Or40401()
    {
        var id = await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1));

        var registered = await client.GetRegisteredSchemaAsync(Subject, 1);

        Assert.Equal((Subject, 1, id), (registered.Subject, registered.Version, registered.Id));
        await AssertFailsAsync(() => client.GetRegisteredSchemaAsync(Subject, 7), 40402);
        await AssertFailsAsync(() => client.GetRegisteredSchemaAsync(Subject, 0), 42202);
        await AssertFailsAsync(() => client.GetRegisteredSchemaAsync("nobody-value", 1), 40401);
    }

    [Fact]
    public async Task GetSchemaBySubjectAndVersion_KnownAndUnknownSubject_SchemaTextOr40401()
    {
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1));
#pragma warning disable CS0618 // the interface's obsolete overload is part of what the registry must answer
        Assert.Contains("Payment", await client.GetSchemaAsync(Subject, 1));
        await AssertFailsAsync(() => client.GetSchemaAsync("nobody-value", 1), 40401);
#pragma warning restore CS0618
    }

    [Fact]
    public async Task GetLatestSchema_KnownAndUnknownSubject_LatestOr40401()
    {
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1));
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV2));

        Assert.Equal(2, (await client.GetLatestSchemaAsync(Subject)).Version);
        await AssertFailsAsync(() => client.GetLatestSchemaAsync("nobody-value"), 40401);
    }

    [Fact]
    public async Task GetLatestWithMetadata_MatchingOlderVersion_ThatVersionElse40403Or40401()
    {
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1, ("owner", "payments"), ("tier", "1")));
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV2, ("owner", "billing")));

        var payments = await client.GetLatestWithMetadataAsync(Subject, Properties(("owner", "payments")), ignoreDeletedSchemas: true);
        var any = await client.GetLatestWithMetadataAsync(Subject, Properties(), ignoreDeletedSchemas: true);

        Assert.Equal(1, payments.Version);
        Assert.Equal("1", payments.Metadata.Properties["tier"]);
        Assert.Equal(2, any.Version);
        await AssertFailsAsync(() => client.GetLatestWithMetadataAsync(Subject, Properties(("owner", "nobody")), true), 40403);
        await AssertFailsAsync(() => client.GetLatestWithMetadataAsync("nobody-value", Properties(), true), 40401);
    }

    [Fact]
    public async Task RegisterSchema_WithoutMetadata_KeepsTheLatestVersionsMetadataAsConfluentDoes()
    {
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1, ("owner", "payments")));

        var v2 = await client.RegisterSchemaWithResponseAsync(Subject, Avro(TestSchemas.PaymentV2));

        Assert.Equal("payments", v2.Metadata.Properties["owner"]);
        Assert.Equal(2, (await client.GetLatestWithMetadataAsync(Subject, Properties(("owner", "payments")), true)).Version);
    }

    [Fact]
    public async Task UseLatestWithMetadata_ConfluentSerializer_WritesTheMatchingVersionsId()
    {
        var v1 = await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1, ("major", "1")));
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV2, ("major", "2")));
        var serializer = new AvroSerializer<GenericRecord>(client, new AvroSerializerConfig
        {
            AutoRegisterSchemas = false,
            UseLatestWithMetadata = Properties(("major", "1")),
        });
        var record = new GenericRecord((global::Avro.RecordSchema)global::Avro.Schema.Parse(TestSchemas.PaymentV1));
        record.Add("id", "p-1");
        record.Add("amount", 5L);

        var bytes = await serializer.SerializeAsync(record, new SerializationContext(MessageComponentType.Value, "payments"));

        Assert.Equal(v1, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1, 4)));
    }

    [Fact]
    public async Task GetAllSubjectsAndVersions_TwoVersionsAndUnknownSubject_ListsOr40401()
    {
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1));
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV2));
        await client.RegisterSchemaAsync("other-value", Avro(TestSchemas.Other));

        Assert.Equal(["other-value", Subject], await client.GetAllSubjectsAsync());
        Assert.Equal([1, 2], await client.GetSubjectVersionsAsync(Subject));
        await AssertFailsAsync(() => client.GetSubjectVersionsAsync("nobody-value"), 40401);
    }

    [Fact]
    public async Task IsCompatible_AgainstLatest_TrueFalseAndTrueForASubjectWithoutVersions()
    {
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1));

        Assert.True(await client.IsCompatibleAsync(Subject, Avro(TestSchemas.PaymentV2)));
        Assert.False(await client.IsCompatibleAsync(Subject, Avro(TestSchemas.PaymentIncompatible)));
#pragma warning disable CS0618 // the obsolete string overload makes the same request
        Assert.False(await client.IsCompatibleAsync(Subject, TestSchemas.PaymentIncompatible));
#pragma warning restore CS0618
        Assert.True(await client.IsCompatibleAsync("nobody-value", Avro(TestSchemas.PaymentV1)));
        await AssertFailsAsync(() => client.IsCompatibleAsync(Subject, Avro("""{"type":"nope"}""")), 42201);
    }

    [Fact]
    public void ConstructSubjectNames_Topic_AreTopicKeyAndTopicValue()
    {
#pragma warning disable CS0618 // obsolete, but still on the interface; no request is made
        Assert.Equal("payments-key", client.ConstructKeySubjectName("payments"));
        Assert.Equal("payments-value", client.ConstructValueSubjectName("payments"));
#pragma warning restore CS0618
    }

    [Fact]
    public async Task Compatibility_GlobalSubjectAndUnsetSubject_LevelsOr40408()
    {
        Assert.Equal(Compatibility.Backward, await client.GetCompatibilityAsync());
        Assert.Equal(Compatibility.Full, await client.UpdateCompatibilityAsync(Compatibility.Full, Subject));
        Assert.Equal(Compatibility.Forward, await client.UpdateCompatibilityAsync(Compatibility.Forward));

        Assert.Equal(Compatibility.Full, await client.GetCompatibilityAsync(Subject));
        Assert.Equal(Compatibility.Forward, await client.GetCompatibilityAsync());
        await AssertFailsAsync(() => client.GetCompatibilityAsync("nobody-value"), 40408);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClearCaches_AfterANewVersion_LatestIsFetchedAgain(bool all)
    {
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV1));
        Assert.Equal(1, (await client.GetLatestSchemaAsync(Subject)).Version);
        await client.RegisterSchemaAsync(Subject, Avro(TestSchemas.PaymentV2));
        Assert.Equal(1, (await client.GetLatestSchemaAsync(Subject)).Version);

        if (all) client.ClearCaches();
        else client.ClearLatestCaches();

        Assert.Equal(2, (await client.GetLatestSchemaAsync(Subject)).Version);
    }

    [Fact]
    public async Task Associations_NoneKept_EmptyListAndCreateIs42205AndDeleteIs40410()
    {
        var request = new AssociationCreateOrUpdateRequest("payments", "-", "lkc-1", "topic",
            [new AssociationCreateOrUpdateInfo(Subject, "value", "STRONG", null, Avro(TestSchemas.PaymentV1), null)]);

        Assert.Empty(await client.GetAssociationsByResourceNameAsync("payments", "-", "topic", ["value"], null, 0, -1));
        await AssertFailsAsync(() => client.CreateAssociationAsync(request), 42205);
        await AssertFailsAsync(() => client.DeleteAssociationsAsync("lkc-1", "topic", ["value"], false), 40410);
        await AssertFailsAsync(() => client.GetLatestSchemaAsync(Subject), 40401);
    }

    [Fact]
    public async Task AssociationsResource_RawHttp_Is200WithEmptyJsonArray()
    {
        using var http = new HttpClient { BaseAddress = fixture.Registry.Url };
        var response = await http.GetAsync("/associations/resources/-/payments?resourceType=topic&associationType=value");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    private static Schema Avro(string schema, params (string Key, string Value)[] properties) => properties.Length == 0
        ? new Schema(schema, SchemaType.Avro)
        : new Schema(schema, [], SchemaType.Avro, new Confluent.SchemaRegistry.Metadata(null, Properties(properties), null), null);

    private static Dictionary<string, string> Properties(params (string Key, string Value)[] properties) =>
        properties.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Asserts Confluent's error: <paramref name="errorCode"/> with the HTTP status it starts with (40403: 404).</summary>
    private static async Task AssertFailsAsync(Func<Task> call, int errorCode)
    {
        var error = await Assert.ThrowsAsync<SchemaRegistryException>(call);
        Assert.Equal(((HttpStatusCode)(errorCode / 100), errorCode), (error.Status, error.ErrorCode));
    }

    private async Task DeleteAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.Registry.Url };
        (await http.DeleteAsync(path)).EnsureSuccessStatusCode();
    }
}
