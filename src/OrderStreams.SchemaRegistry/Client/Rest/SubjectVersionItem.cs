using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Client.Rest;

/// <summary>An item of <c>GET /schemas/ids/{id}/versions</c>.</summary>
public sealed record SubjectVersionItem(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("version")] int Version);
