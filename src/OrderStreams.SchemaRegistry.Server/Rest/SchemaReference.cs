using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Server.Rest;

/// <summary>A reference to a schema of another subject (read so requests that carry them parse; not supported by the embedded registry).</summary>
internal sealed record SchemaReference(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("version")] int Version);
