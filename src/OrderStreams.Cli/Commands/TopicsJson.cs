using System.Text.Json.Serialization;

namespace OrderStreams.Cli.Commands;

/// <summary>One row of <c>topics list</c> (also its JSON shape); partitions and replication are null for a missing topic.</summary>
internal sealed record TopicListing(string Name, int? Partitions, int? Replication, string Manifest);

/// <summary>One topic of <c>topics describe</c> (also its JSON shape).</summary>
internal sealed record TopicReport(
    string Name,
    int ReplicationFactor,
    IReadOnlyList<PartitionReport> Partitions,
    IReadOnlyDictionary<string, string>? Configs,
    string? ConfigsUnavailable,
    string Manifest);

/// <summary>One partition of <c>topics describe</c>: placement and watermarks.</summary>
internal sealed record PartitionReport(int Partition, int Leader, IReadOnlyList<int> Replicas, IReadOnlyList<int> InSyncReplicas, long LowWatermark, long HighWatermark)
{
    public long Records => HighWatermark - LowWatermark;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<TopicListing>))]
[JsonSerializable(typeof(List<TopicReport>))]
internal sealed partial class TopicsJson : JsonSerializerContext;
