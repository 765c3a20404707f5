using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Client.Rest;

/// <summary>Body of <c>GET /schemas/ids/{id}</c>; <c>schemaType</c> is left out for Avro, as Confluent does.</summary>
public sealed record SchemaResponse(
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("schemaType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SchemaType = null);
