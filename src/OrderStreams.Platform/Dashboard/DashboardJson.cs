using System.Text.Json.Serialization;

namespace OrderStreams.Platform.Dashboard;

/// <summary>The dashboard's JSON: the latest sample, a compact history for the charts, and the branch routing table.</summary>
/// <param name="Latest">The latest sample.</param>
/// <param name="History">Per sample: each instance's lag, rate and lag per partition.</param>
/// <param name="Routing">Hot branches and their dedicated partitions.</param>
/// <param name="QueryUrl">The query gateway of the service that serves queries.</param>
public sealed record DashboardState(PlatformSample? Latest, IReadOnlyList<HistoryPoint> History, IReadOnlyDictionary<string, int> Routing, string QueryUrl);

/// <summary>Every instance at one moment, keyed by application id; <paramref name="Rush"/>: the simulator was in a rush.</summary>
public sealed record HistoryPoint(DateTimeOffset At, IReadOnlyDictionary<string, GroupPoint> Groups, bool Rush);

/// <summary>One instance at one moment, for the charts.</summary>
public sealed record GroupPoint(long Lag, double ProcessedPerSecond, IReadOnlyList<long> PartitionLag);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DashboardState))]
[JsonSerializable(typeof(DevSummary))]
public sealed partial class DashboardJson : JsonSerializerContext;
