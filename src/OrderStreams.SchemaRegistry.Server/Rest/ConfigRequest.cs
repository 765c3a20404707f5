using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Server.Rest;

/// <summary>Body of <c>PUT /config</c> and <c>PUT /config/{s}</c>, and of their responses.</summary>
internal sealed record ConfigRequest([property: JsonPropertyName("compatibility")] string? Compatibility);
