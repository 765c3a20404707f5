using System.Text.Json;
using System.Text.Json.Serialization;
using OrderStreams.SchemaRegistry.Server.Storage;

namespace OrderStreams.SchemaRegistry.Server.Rest;

/// <summary>Body of register, lookup and compatibility requests.</summary>
/// <remarks><c>ruleSet</c> is read and dropped, as Confluent's community registry drops it (rules need Confluent Enterprise).</remarks>
internal sealed record SchemaRequest(
    [property: JsonPropertyName("schema")] string? Schema,
    [property: JsonPropertyName("schemaType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SchemaType = null,
    [property: JsonPropertyName("references"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<SchemaReference>? References = null,
    [property: JsonPropertyName("metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SchemaMetadata? Metadata = null,
    [property: JsonPropertyName("ruleSet"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? RuleSet = null);
