using System.Text.Json.Serialization;

namespace OrderStreams.SchemaRegistry.Server.Storage;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LogEntry))]
internal sealed partial class StorageJson : JsonSerializerContext;
