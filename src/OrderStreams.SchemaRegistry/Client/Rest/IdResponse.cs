using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Client.Rest;

/// <summary>Body of the register response.</summary>
public sealed record IdResponse([property: JsonPropertyName("id")] int Id);
