using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Server.Rest;

/// <summary>Source-generated JSON for the REST contracts, of the embedded server.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SchemaRequest))]
[JsonSerializable(typeof(SchemaResponse))]
[JsonSerializable(typeof(SubjectVersionResponse))]
[JsonSerializable(typeof(List<SubjectVersionItem>))]
[JsonSerializable(typeof(CompatibilityResponse))]
[JsonSerializable(typeof(ConfigRequest))]
[JsonSerializable(typeof(ConfigResponse))]
[JsonSerializable(typeof(ModeBody))]
[JsonSerializable(typeof(List<SubjectVersionResponse>))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(int))]
internal sealed partial class RestJson : JsonSerializerContext
{
    /// <summary>The REST API's media type; <c>application/json</c> is accepted too.</summary>
    public const string MediaType = "application/vnd.schemaregistry.v1+json";

    /// <summary>The context to use: schema text goes out with plain <c>\"</c> escapes, not <c>\u0022</c> (the bodies are never HTML).</summary>
    public static RestJson Wire { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
