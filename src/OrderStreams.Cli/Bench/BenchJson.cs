using System.Text.Json.Serialization;

namespace OrderStreams.Cli.Bench;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<BenchResult>))]
[JsonSerializable(typeof(RuntimeBenchReport))]
[JsonSerializable(typeof(Peer.PeerBenchReport))]
internal sealed partial class BenchJson : JsonSerializerContext;
