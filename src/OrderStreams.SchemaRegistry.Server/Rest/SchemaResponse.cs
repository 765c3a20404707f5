using System.Text.Json.Serialization;
using OrderStreams.SchemaRegistry.Server.Storage;

namespace OrderStreams.SchemaRegistry.Server.Rest;

/// <summary>
/// Body of <c>GET /schemas/ids/{id}</c> and <c>/schemas/guids/{guid}</c>; <c>schemaType</c> is left out for Avro, as Confluent does.
/// </summary>
internal sealed record SchemaResponse(
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("guid")] string Guid,
    [property: JsonPropertyName("metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SchemaMetadata? Metadata = null)
{
    public SchemaResponse(StoredSchema schema) : this(schema.Text, schema.Guid, schema.Metadata)
    {
    }
}
