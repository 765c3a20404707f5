using System.Text.Json.Serialization;

namespace OrderStreams.Bench;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<BenchResult>))]
[JsonSerializable(typeof(RuntimeBenchReport))]
[JsonSerializable(typeof(Peer.PeerBenchReport))]
public sealed partial class BenchJson : JsonSerializerContext;
