using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Server.Storage;

/// <summary>
/// Confluent's schema metadata: tags by path, free-form properties (what <c>GET /subjects/{s}/metadata</c> matches)
/// and the names of sensitive fields. Part of a schema's identity, as in Confluent's registry.
/// </summary>
internal sealed record SchemaMetadata(
    [property: JsonPropertyName("tags"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    Dictionary<string, List<string>>? Tags = null,
    [property: JsonPropertyName("properties"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    Dictionary<string, string>? Properties = null,
    [property: JsonPropertyName("sensitive"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    List<string>? Sensitive = null)
{
    /// <summary>True when <see cref="Properties"/> holds every one of <paramref name="wanted"/> (any metadata holds none).</summary>
    public bool HasProperties(IReadOnlyDictionary<string, string> wanted) =>
        wanted.All(w => Properties is { } properties && properties.TryGetValue(w.Key, out var value) && value == w.Value);
}
