using System.Text.Json.Serialization;

namespace OrderStreams.Bench.Pipeline;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PipelineBenchResult))]
public sealed partial class PipelineBenchJson : JsonSerializerContext;
