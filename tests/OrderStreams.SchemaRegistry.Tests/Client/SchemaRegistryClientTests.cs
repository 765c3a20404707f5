using System.Net;
using OrderStreams.Avro.Resolution;
using OrderStreams.SchemaRegistry.Client;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Client;

public sealed class SchemaRegistryClientTests : IAsyncLifetime
{
    private RegistryFixture fixture = null!;

    public async Task InitializeAsync() => fixture = await RegistryFixture.StartAsync();

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task RegisterAsync_NewSubject_ReturnsIdThatFetchesTheSchema()
    {
        using var client = fixture.Client();

        var id = await client.RegisterAsync("payments-value", Schemas.PaymentV1);
        using var fresh = fixture.Client();
        var schema = await fresh.GetSchemaAsync(id);

        Assert.Contains("\"name\":\"Payment\"", schema);
        Assert.Contains("\"amount\"", schema);
    }

    [Fact]
    public async Task RegisterAsync_SameSchemaTwice_ReturnsSameIdAndOneVersion()
    {
        using var client = fixture.Client();
        using var other = fixture.Client();

        var first = await client.RegisterAsync("payments-value", Schemas.PaymentV1);
        var second = await other.RegisterAsync("payments-value", Schemas.PaymentV1.Replace("\n", " "));

        Assert.Equal(first, second);
        Assert.Equal([1], await client.GetVersionsAsync("payments-value"));
    }

    [Fact]
    public async Task RegisterAsync_SameSchemaUnderTwoSubjects_SharesTheGlobalId()
    {
        using var client = fixture.Client();

        var a = await client.RegisterAsync("payments-value", Schemas.PaymentV1);
        var b = await client.RegisterAsync("refunds-value", Schemas.PaymentV1);
        var c = await client.RegisterAsync("others-value", Schemas.Other);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        var usages = await client.GetUsagesAsync(a);
        Assert.Equal([new SubjectVersion("payments-value", 1), new SubjectVersion("refunds-value", 1)], usages.OrderBy(u => u.Subject));
    }

    [Fact]
    public async Task RegisterAsync_CompatibleEvolution_AddsVersionAndLatestFollows()
    {
        using var client = fixture.Client();

        var v1 = await client.RegisterAsync("payments-value", Schemas.PaymentV1);
        var v2 = await client.RegisterAsync("payments-value", Schemas.PaymentV2);

        Assert.NotEqual(v1, v2);
        Assert.Equal([1, 2], await client.GetVersionsAsync("payments-value"));
        var latest = await client.GetLatestAsync("payments-value");
        Assert.Equal(("payments-value", v2, 2), (latest.Subject, latest.Id, latest.Version));
        Assert.Equal(v1, (await client.GetVersionAsync("payments-value", 1)).Id);
        Assert.Equal(["payments-value"], await client.GetSubjectsAsync());
    }

    [Fact]
    public async Task RegisterAsync_IncompatibleEvolution_Throws409WithTheReason()
    {
        using var client = fixture.Client();
        await client.RegisterAsync("payments-value", Schemas.PaymentV1);

        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterAsync("payments-value", Schemas.PaymentIncompatible));

        Assert.Equal(HttpStatusCode.Conflict, e.StatusCode);
        Assert.Equal(SchemaRegistryErrorCodes.IncompatibleSchema, e.ErrorCode);
        Assert.Contains("status", e.RegistryMessage);
        Assert.Equal("payments-value", e.Subject);
        Assert.Equal([1], await client.GetVersionsAsync("payments-value"));
    }

    [Fact]
    public async Task RegisterAsync_InvalidSchema_Throws422With42201()
    {
        using var client = fixture.Client();

        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterAsync("payments-value", """{"type":"record","name":"Broken","fields":[{"name":"x"}]}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.StatusCode);
        Assert.Equal(SchemaRegistryErrorCodes.InvalidSchema, e.ErrorCode);
    }

    [Fact]
    public async Task GetSchemaAsync_UnknownId_Throws404With40403()
    {
        using var client = fixture.Client();

        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(4242));

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Equal(SchemaRegistryErrorCodes.SchemaNotFound, e.ErrorCode);
    }

    [Fact]
    public async Task GetVersionAsync_UnknownSubjectOrVersion_Throws40401Or40402()
    {
        using var client = fixture.Client();
        await client.RegisterAsync("payments-value", Schemas.PaymentV1);

        var noSubject = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetLatestAsync("nope-value"));
        var noVersion = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetVersionAsync("payments-value", 7));

        Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, noSubject.ErrorCode);
        Assert.Equal(SchemaRegistryErrorCodes.VersionNotFound, noVersion.ErrorCode);
    }

    [Fact]
    public async Task LookupAsync_RegisteredAndUnregisteredSchemas_FindsOnlyTheRegisteredOne()
    {
        using var client = fixture.Client();
        var id = await client.RegisterAsync("payments-value", Schemas.PaymentV1);

        var found = await client.LookupAsync("payments-value", Schemas.PaymentV1);
        var missing = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.LookupAsync("payments-value", Schemas.PaymentV2));
        var noSubject = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.LookupAsync("nope-value", Schemas.PaymentV1));

        Assert.Equal(new RegisteredSchema("payments-value", id, 1, found.Schema), found);
        Assert.Equal(SchemaRegistryErrorCodes.SchemaNotFound, missing.ErrorCode);
        Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, noSubject.ErrorCode);
    }

    [Fact]
    public async Task TestCompatibilityAsync_CompatibleAndIncompatible_ReportsVerdictAndMessages()
    {
        using var client = fixture.Client();
        await client.RegisterAsync("payments-value", Schemas.PaymentV1);

        var good = await client.TestCompatibilityAsync("payments-value", Schemas.PaymentV2);
        var bad = await client.TestCompatibilityAsync("payments-value", Schemas.PaymentIncompatible, version: 1);
        var badAll = await client.TestCompatibilityWithSubjectAsync("payments-value", Schemas.PaymentIncompatible);

        Assert.True(good.IsCompatible);
        Assert.Empty(good.Messages);
        Assert.False(bad.IsCompatible);
        Assert.Contains(bad.Messages, m => m.Contains("status", StringComparison.Ordinal));
        Assert.False(badAll.IsCompatible);
    }

    [Fact]
    public async Task SetCompatibilityAsync_SubjectNone_AllowsAnIncompatibleChangeThere()
    {
        using var client = fixture.Client();
        await client.RegisterAsync("payments-value", Schemas.PaymentV1);

        Assert.Equal(CompatibilityMode.Backward, await client.GetCompatibilityAsync());
        Assert.Equal(CompatibilityMode.None, await client.SetCompatibilityAsync(CompatibilityMode.None, "payments-value"));
        await client.RegisterAsync("payments-value", Schemas.PaymentIncompatible);

        Assert.Equal(CompatibilityMode.None, await client.GetCompatibilityAsync("payments-value"));
        Assert.Equal(CompatibilityMode.Backward, await client.GetCompatibilityAsync("other-value"));
        Assert.Equal([1, 2], await client.GetVersionsAsync("payments-value"));
    }

    [Fact]
    public async Task SetCompatibilityAsync_GlobalForward_AppliesToSubjectsWithoutTheirOwn()
    {
        using var client = fixture.Client();
        await client.RegisterAsync("payments-value", Schemas.PaymentV1);

        await client.SetCompatibilityAsync(CompatibilityMode.Forward);

        // Adding a required field is forward compatible (old readers ignore it) though not backward.
        Assert.Equal(CompatibilityMode.Forward, await client.GetCompatibilityAsync());
        Assert.True((await client.TestCompatibilityAsync("payments-value", Schemas.PaymentIncompatible)).IsCompatible);
    }

    [Fact]
    public async Task DeleteSubjectAsync_SoftThenPermanent_HidesThenRemovesVersions()
    {
        using var client = fixture.Client();
        var id = await client.RegisterAsync("payments-value", Schemas.PaymentV1);
        await client.RegisterAsync("payments-value", Schemas.PaymentV2);

        Assert.Equal([1, 2], await client.DeleteSubjectAsync("payments-value"));
        var gone = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetVersionsAsync("payments-value"));
        Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, gone.ErrorCode);
        Assert.Empty(await client.GetSubjectsAsync());
        Assert.Contains("Payment", await client.GetSchemaAsync(id));

        Assert.Equal([1, 2], await client.DeleteSubjectAsync("payments-value", permanent: true));
        var again = await client.RegisterAsync("payments-value", Schemas.PaymentV1);
        Assert.Equal(id, again);
        Assert.Equal(1, (await client.GetLatestAsync("payments-value")).Version);
    }

    [Fact]
    public async Task DeleteVersionAsync_Latest_LatestFallsBackAndVersionNumbersDoNotRepeat()
    {
        using var client = fixture.Client();
        await client.RegisterAsync("payments-value", Schemas.PaymentV1);
        await client.RegisterAsync("payments-value", Schemas.PaymentV2);

        Assert.Equal(2, await client.DeleteVersionAsync("payments-value", version: null));
        Assert.Equal(1, (await client.GetLatestAsync("payments-value")).Version);
        await client.SetCompatibilityAsync(CompatibilityMode.None, "payments-value");
        await client.RegisterAsync("payments-value", Schemas.Other);

        Assert.Equal([1, 3], await client.GetVersionsAsync("payments-value"));
    }

    [Fact]
    public async Task RegisterAsync_AfterRestart_SchemasVersionsIdsAndConfigSurvive()
    {
        int v1, v2;
        using (var client = fixture.Client())
        {
            v1 = await client.RegisterAsync("payments-value", Schemas.PaymentV1);
            v2 = await client.RegisterAsync("payments-value", Schemas.PaymentV2);
            await client.SetCompatibilityAsync(CompatibilityMode.Full, "payments-value");
            await client.DeleteVersionAsync("payments-value", 2);
        }

        await fixture.RestartAsync();

        using var after = fixture.Client();
        Assert.Contains("amount", await after.GetSchemaAsync(v1));
        Assert.Contains("currency", await after.GetSchemaAsync(v2));
        Assert.Equal([1], await after.GetVersionsAsync("payments-value"));
        Assert.Equal(CompatibilityMode.Full, await after.GetCompatibilityAsync("payments-value"));
        var v3 = await after.RegisterAsync("refunds-value", Schemas.Other);
        Assert.True(v3 > v2, $"new id {v3} must not reuse {v1} or {v2}");
    }

    [Fact]
    public async Task RegisterAndGetSchema_Repeated_CallHttpOncePerKey()
    {
        using var handler = new RecordingHandler();
        using var client = fixture.Client(handler);

        var ids = new List<int>();
        for (var i = 0; i < 5; i++) ids.Add(await client.RegisterAsync("payments-value", Schemas.PaymentV1));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetSchemaAsync(ids[0])));
        using var reader = fixture.Client(handler);
        var fetched = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => reader.GetSchemaAsync(ids[0])));

        Assert.Single(ids.Distinct());
        Assert.Equal(1, handler.CountOf(HttpMethod.Post, "/subjects/payments-value/versions"));
        // The registering client knows the schema of its own id; a second client fetches it once for all its callers.
        Assert.Equal(1, handler.CountOf(HttpMethod.Get, "/schemas/ids/"));
        Assert.Equal(2, handler.Count);
        Assert.All(concurrent.Concat(fetched), s => Assert.Contains("Payment", s));
    }

    [Fact]
    public async Task GetSchemaAsync_FailedLookup_IsNotCached()
    {
        using var handler = new RecordingHandler();
        using var client = fixture.Client(handler);

        await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(1));
        var id = await client.RegisterAsync("payments-value", Schemas.PaymentV1);
        using var reader = fixture.Client(handler);
        await Assert.ThrowsAsync<SchemaRegistryException>(() => reader.GetSchemaAsync(id + 1));

        Assert.Contains("Payment", await reader.GetSchemaAsync(id));
        Assert.Equal(3, handler.CountOf(HttpMethod.Get, "/schemas/ids/"));
    }

    [Fact]
    public async Task SendAsync_BasicAuthConfigured_SendsTheHeader()
    {
        using var handler = new RecordingHandler();
        using var client = fixture.Client(handler, basicAuth: "alice:s3cret:with-colon");

        await client.GetSubjectsAsync();

        var header = Assert.Single(handler.Requests).Headers.Authorization;
        Assert.Equal("Basic", header?.Scheme);
        Assert.Equal("alice:s3cret:with-colon", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header!.Parameter!)));
    }

    [Fact]
    public async Task RegisterAsync_Two503sThenUp_RetriesAndSucceeds()
    {
        using var handler = new RecordingHandler(failFirst: 2);
        using var client = fixture.Client(handler);

        var id = await client.RegisterAsync("payments-value", Schemas.PaymentV1);

        Assert.True(id > 0);
        Assert.Equal(3, handler.Count);
    }

    [Fact]
    public async Task GetSubjectsAsync_503BeyondTheRetries_ThrowsWithTheStatus()
    {
        using var handler = new RecordingHandler(failFirst: 10);
        using var client = fixture.Client(handler);

        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSubjectsAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal(4, handler.Count);
    }

    [Fact]
    public async Task GetSubjectsAsync_RegistryDown_ThrowsTransportErrorAfterRetries()
    {
        var url = fixture.Url;
        await fixture.RestartAsync(); // the old port is closed now
        using var client = new SchemaRegistryClient(new SchemaRegistryClientConfig { Url = url, MaxRetries = 1, RetryBackoff = TimeSpan.FromMilliseconds(1) });

        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSubjectsAsync());

        Assert.Null(e.StatusCode);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    [Fact]
    public async Task GetSubjectsAsync_NotFound_IsNotRetried()
    {
        using var handler = new RecordingHandler(failFirst: 1, failWith: HttpStatusCode.NotFound);
        using var client = fixture.Client(handler);

        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSubjectsAsync());

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Null(e.ErrorCode);
        Assert.Equal(1, handler.Count);
    }
}
