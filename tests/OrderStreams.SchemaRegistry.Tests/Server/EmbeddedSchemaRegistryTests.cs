using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrderStreams.SchemaRegistry.Server.Rest;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Server;

/// <summary>The REST surface as raw HTTP, where the exact status codes, bodies and content types matter.</summary>
public sealed class EmbeddedSchemaRegistryTests : IAsyncLifetime
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
    public void Url_PortZero_BindsAFreeLoopbackPort()
    {
        Assert.Equal("127.0.0.1", fixture.Registry.Url.Host);
        Assert.NotEqual(0, fixture.Registry.Url.Port);
    }

    [Fact]
    public async Task Register_RegistryMediaType_AnswersTheRegisteredVersionWithRegistryMediaType()
    {
        var response = await PostAsync("/subjects/payments-value/versions", Schemas.PaymentV1, RestJson.MediaType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RestJson.MediaType, response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["subject", "version", "id", "guid", "schema"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, 1), (body.GetProperty("id").GetInt32(), body.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Register_PlainJsonMediaType_IsAccepted()
    {
        var response = await PostAsync("/subjects/payments-value/versions", Schemas.PaymentV1, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Register_TextMediaType_Is415()
    {
        var response = await PostAsync("/subjects/payments-value/versions", Schemas.PaymentV1, "text/plain");

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, 415);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"type":"nosuchtype"}""")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"x"}]}""")]
    public async Task Register_UnparsableSchema_Is422With42201(string schema)
    {
        var response = await PostAsync("/subjects/payments-value/versions", schema);

        var message = await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, 42201);
        Assert.DoesNotContain("   at ", message);
    }

    [Fact]
    public async Task Register_UnreadableBody_Is400WithoutStackTrace()
    {
        using var content = new StringContent("{\"schema\": ", Encoding.UTF8, RestJson.MediaType);
        var response = await http.PostAsync("/subjects/payments-value/versions", content);

        var message = await AssertErrorAsync(response, HttpStatusCode.BadRequest, 400);
        Assert.DoesNotContain("   at ", message);
    }

    [Fact]
    public async Task Register_ProtobufSchemaType_Is422()
    {
        var body = JsonSerializer.Serialize(new SchemaRequest("syntax = \"proto3\";", "PROTOBUF"), RestJson.Wire.SchemaRequest);
        using var content = new StringContent(body, Encoding.UTF8, RestJson.MediaType);
        var response = await http.PostAsync("/subjects/payments-value/versions", content);

        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, 42201);
    }

    [Fact]
    public async Task Register_Incompatible_Is409WithErrorCode40901()
    {
        await PostAsync("/subjects/payments-value/versions", Schemas.PaymentV1);

        var response = await PostAsync("/subjects/payments-value/versions", Schemas.PaymentIncompatible);

        var message = await AssertErrorAsync(response, HttpStatusCode.Conflict, 40901);
        Assert.Contains("incompatible", message);
    }

    [Theory]
    [InlineData("/subjects/payments-value/versions/0", 42202)]
    [InlineData("/subjects/payments-value/versions/abc", 42202)]
    [InlineData("/subjects/payments-value/versions/9", 40402)]
    [InlineData("/subjects/nope/versions/latest", 40401)]
    [InlineData("/schemas/ids/99", 40403)]
    [InlineData("/schemas/ids/99/versions", 40403)]
    [InlineData("/config/payments-value", 40408)]
    public async Task Get_MissingOrInvalid_AnswersConfluentErrorCode(string path, int errorCode)
    {
        await PostAsync("/subjects/payments-value/versions", Schemas.PaymentV1);

        var response = await http.GetAsync(path);

        await AssertErrorAsync(response, errorCode >= 42200 ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.NotFound, errorCode);
    }

    [Fact]
    public async Task Get_UnknownRoute_Is404JsonError()
    {
        var response = await http.GetAsync("/no/such/route");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, 404);
    }

    [Fact]
    public async Task GetVersionSchema_Registered_AnswersTheBareSchema()
    {
        await PostAsync("/subjects/payments-value/versions", Schemas.PaymentV1);

        var schema = await http.GetStringAsync("/subjects/payments-value/versions/1/schema");

        using var document = JsonDocument.Parse(schema);
        Assert.Equal("Payment", document.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetSchemaTypes_Always_IsAvroOnly()
    {
        Assert.Equal("""["AVRO"]""", await http.GetStringAsync("/schemas/types"));
    }

    [Fact]
    public async Task Compatibility_Verbose_ListsMessagesOnlyWhenAsked()
    {
        await PostAsync("/subjects/payments-value/versions", Schemas.PaymentV1);

        var terse = await PostAsync("/compatibility/subjects/payments-value/versions/latest", Schemas.PaymentIncompatible);
        var verbose = await PostAsync("/compatibility/subjects/payments-value/versions/latest?verbose=true", Schemas.PaymentIncompatible);

        Assert.Equal("""{"is_compatible":false}""", await terse.Content.ReadAsStringAsync());
        var body = JsonSerializer.Deserialize(await verbose.Content.ReadAsStringAsync(), RestJson.Wire.CompatibilityResponse)!;
        Assert.False(body.IsCompatible);
        Assert.NotEmpty(body.Messages!);
    }

    [Fact]
    public async Task Config_DefaultsAndInvalidLevel_BackwardAnd42203()
    {
        Assert.Equal("""{"compatibilityLevel":"BACKWARD"}""", await http.GetStringAsync("/config"));
        Assert.Equal("""{"compatibilityLevel":"BACKWARD"}""", await http.GetStringAsync("/config/any-value?defaultToGlobal=true"));

        using var content = new StringContent("""{"compatibility":"SIDEWAYS"}""", Encoding.UTF8, RestJson.MediaType);
        var response = await http.PutAsync("/config", content);

        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, 42203);
    }

    [Fact]
    public async Task Mode_Always_ReadWriteAndEveryOtherModeRefused()
    {
        Assert.Equal("""{"mode":"READWRITE"}""", await http.GetStringAsync("/mode"));
        Assert.Equal("""{"mode":"READWRITE"}""", await http.GetStringAsync("/mode/any-value?defaultToGlobal=true"));
        await AssertErrorAsync(await http.GetAsync("/mode/any-value"), HttpStatusCode.NotFound, 40409);

        Assert.Equal(HttpStatusCode.OK, (await PutModeAsync("/mode", "READWRITE")).StatusCode);
        await AssertErrorAsync(await PutModeAsync("/mode", "IMPORT"), HttpStatusCode.UnprocessableEntity, 42205);
        await AssertErrorAsync(await PutModeAsync("/mode/any-value", "READWRITE"), HttpStatusCode.UnprocessableEntity, 42205);
        await AssertErrorAsync(await PutModeAsync("/mode", "SIDEWAYS"), HttpStatusCode.UnprocessableEntity, 42204);
    }

    [Fact]
    public async Task SchemasAndContexts_TwoSubjects_EveryVersionOrTheLatestAndTheDefaultContext()
    {
        await PostAsync("/subjects/payments-value/versions", Schemas.PaymentV1);
        await PostAsync("/subjects/payments-value/versions", Schemas.PaymentV2);
        await PostAsync("/subjects/other-value/versions", Schemas.Other);

        var payments = JsonDocument.Parse(await http.GetStringAsync("/schemas?subjectPrefix=payments")).RootElement;
        var latest = JsonDocument.Parse(await http.GetStringAsync("/schemas?latestOnly=true")).RootElement;

        Assert.Equal([1, 2], payments.EnumerateArray().Select(s => s.GetProperty("version").GetInt32()));
        Assert.Equal(["other-value", "payments-value"], latest.EnumerateArray().Select(s => s.GetProperty("subject").GetString()));
        Assert.Equal(2, latest[1].GetProperty("version").GetInt32());
        Assert.Equal("""["."]""", await http.GetStringAsync("/contexts"));
    }

    [Fact]
    public async Task Start_SecondRegistryOnSameDataDirectory_Fails()
    {
        await Assert.ThrowsAsync<IOException>(() => OrderStreams.SchemaRegistry.Server.EmbeddedSchemaRegistry.StartAsync(fixture.DataDirectory, logging: _ => { }));
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string schema, string mediaType = RestJson.MediaType)
    {
        var body = JsonSerializer.Serialize(new SchemaRequest(schema), RestJson.Wire.SchemaRequest);
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await http.PostAsync(path, content);
    }

    private async Task<HttpResponseMessage> PutModeAsync(string path, string mode)
    {
        using var content = new StringContent($$"""{"mode":"{{mode}}"}""", Encoding.UTF8, RestJson.MediaType);
        return await http.PutAsync(path, content);
    }

    private static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, int errorCode)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var error = JsonSerializer.Deserialize(text, RestJson.Wire.ErrorResponse)!;
        Assert.Equal(errorCode, error.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error.Message;
    }
}
