using System.Text.Json.Serialization;

namespace OrderStreams.Cli.Chaos;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ChaosSummary))]
internal sealed partial class ChaosJson : JsonSerializerContext;
