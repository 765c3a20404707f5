using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Server.Storage;

/// <summary>
/// One line of the registry's log. <c>register</c> adds a version (with its global id and metadata), <c>delete</c> soft- or
/// permanently deletes one, <c>config</c> sets (or with a null level clears) the global or a subject's compatibility.
/// </summary>
internal sealed record LogEntry(
    [property: JsonPropertyName("op")] string Op,
    [property: JsonPropertyName("subject")] string? Subject = null,
    [property: JsonPropertyName("version")] int? Version = null,
    [property: JsonPropertyName("id")] int? Id = null,
    [property: JsonPropertyName("schema")] string? Schema = null,
    [property: JsonPropertyName("permanent")] bool? Permanent = null,
    [property: JsonPropertyName("compatibility")] string? Compatibility = null,
    [property: JsonPropertyName("metadata")] SchemaMetadata? Metadata = null)
{
    public const string Register = "register";
    public const string Delete = "delete";
    public const string Config = "config";
}
