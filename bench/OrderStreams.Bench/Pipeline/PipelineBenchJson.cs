using System.Text.Json.Serialization;

namespace OrderStreams.Bench.Pipeline;

// A latency with no samples is NaN; it is written as "NaN" rather than failing the run's JSON at the end.
[JsonSourceGenerationOptions(
    WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(PipelineBenchResult))]
public sealed partial class PipelineBenchJson : JsonSerializerContext;
