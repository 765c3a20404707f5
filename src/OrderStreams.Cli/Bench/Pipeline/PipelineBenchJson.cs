using System.Text.Json.Serialization;

namespace OrderStreams.Cli.Bench.Pipeline;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PipelineBenchResult))]
internal sealed partial class PipelineBenchJson : JsonSerializerContext;
