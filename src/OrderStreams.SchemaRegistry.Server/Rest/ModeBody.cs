using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Server.Rest;

/// <summary>Body of <c>GET</c> and <c>PUT /mode</c> and <c>/mode/{s}</c>, and of their responses.</summary>
internal sealed record ModeBody([property: JsonPropertyName("mode")] string? Mode);
