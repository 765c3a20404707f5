using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Client.Rest;

/// <summary>Source-generated JSON for the REST contracts, shared by the client and the embedded server.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SchemaRequest))]
[JsonSerializable(typeof(IdResponse))]
[JsonSerializable(typeof(SchemaResponse))]
[JsonSerializable(typeof(SubjectVersionResponse))]
[JsonSerializable(typeof(List<SubjectVersionItem>))]
[JsonSerializable(typeof(CompatibilityResponse))]
[JsonSerializable(typeof(ConfigRequest))]
[JsonSerializable(typeof(ConfigResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(int))]
public sealed partial class RestJson : JsonSerializerContext
{
    /// <summary>The REST API's media type; <c>application/json</c> is accepted too.</summary>
    public const string MediaType = "application/vnd.schemaregistry.v1+json";

    /// <summary>The context to use: schema text goes out with plain <c>\"</c> escapes, not <c>\u0022</c> (the bodies are never HTML).</summary>
    public static RestJson Wire { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
