using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Server.Rest;

/// <summary>An item of <c>GET /schemas/ids/{id}/versions</c>.</summary>
internal sealed record SubjectVersionItem(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("version")] int Version);
