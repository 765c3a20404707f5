using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Server.Rest;

/// <summary>Body of <c>POST /compatibility/...</c>; <c>messages</c> only with <c>?verbose=true</c>.</summary>
internal sealed record CompatibilityResponse(
    [property: JsonPropertyName("is_compatible")] bool IsCompatible,
    [property: JsonPropertyName("messages"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Messages = null);
