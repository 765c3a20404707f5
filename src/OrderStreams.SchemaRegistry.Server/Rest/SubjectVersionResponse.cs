using System.Text.Json.Serialization;
using OrderStreams.SchemaRegistry.Server.Storage;

namespace OrderStreams.SchemaRegistry.Server.Rest;

/// <summary>
/// Body of <c>GET /subjects/{s}/versions/{v}</c>, <c>/subjects/{s}/metadata</c>, <c>POST /subjects/{s}</c> and of
/// registrations. Confluent's registry leaves <c>subject</c> out of the last; it is kept because Confluent's .NET client
/// caches a registration's answer as the subject's lookup result, whose <c>Subject</c> would otherwise be null.
/// </summary>
internal sealed record SubjectVersionResponse(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("guid")] string Guid,
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SchemaMetadata? Metadata = null)
{
    public static SubjectVersionResponse Of(RegisteredSchema schema) =>
        new(schema.Subject, schema.Version, schema.Id, schema.Guid, schema.Schema, schema.Metadata);
}
