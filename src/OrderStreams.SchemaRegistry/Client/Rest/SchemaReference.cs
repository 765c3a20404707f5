using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Client.Rest;

/// <summary>A reference to a schema of another subject (read so requests that carry them parse; not supported by the embedded registry).</summary>
public sealed record SchemaReference(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("version")] int Version);
