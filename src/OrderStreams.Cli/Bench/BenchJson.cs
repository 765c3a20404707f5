using System.Text.Json.Serialization;

namespace OrderStreams.Cli.Bench;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<BenchResult>))]
internal sealed partial class BenchJson : JsonSerializerContext;
