using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Client.Rest;

/// <summary>Body of <c>PUT /config</c> and <c>PUT /config/{s}</c>, and of their responses.</summary>
public sealed record ConfigRequest([property: JsonPropertyName("compatibility")] string? Compatibility);
