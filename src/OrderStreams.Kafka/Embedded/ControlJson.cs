using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderStreams.Kafka.Embedded;

/// <summary>Body of <c>POST /topics</c> on <see cref="EmbeddedClusterControl"/>.</summary>
public sealed record TopicRequest(string Name, int Partitions, int? ReplicationFactor = null);

internal sealed record ControlError(string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TopicRequest))]
[JsonSerializable(typeof(ControlError))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, int>))]
internal sealed partial class ControlJson : JsonSerializerContext;
