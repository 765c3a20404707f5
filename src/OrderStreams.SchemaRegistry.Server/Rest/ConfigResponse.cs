using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Server.Rest;

/// <summary>Body of <c>GET /config</c> and <c>GET /config/{s}</c>.</summary>
internal sealed record ConfigResponse([property: JsonPropertyName("compatibilityLevel")] string CompatibilityLevel);
