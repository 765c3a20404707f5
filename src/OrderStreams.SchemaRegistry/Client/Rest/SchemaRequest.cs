using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Client.Rest;

/// <summary>Body of register, lookup and compatibility requests.</summary>
public sealed record SchemaRequest(
    [property: JsonPropertyName("schema")] string? Schema,
    [property: JsonPropertyName("schemaType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SchemaType = null,
    [property: JsonPropertyName("references"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SchemaReference>? References = null);
