using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Client.Rest;

/// <summary>Body of <c>GET /subjects/{s}/versions/{v}</c> and <c>POST /subjects/{s}</c>.</summary>
public sealed record SubjectVersionResponse(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("schema")] string Schema);
