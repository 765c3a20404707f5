using System.Text.Json.Serialization;

namespace OrderStreams.Cli.Platform.Dashboard;

/// <summary>The dashboard's JSON: the latest sample and a compact lag history.</summary>
public sealed record DashboardState(PlatformSample? Latest, IReadOnlyList<LagPoint> LagHistory);

/// <summary>Lag of every service at one moment, for the chart.</summary>
public sealed record LagPoint(DateTimeOffset At, IReadOnlyDictionary<string, long> Lag);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DashboardState))]
[JsonSerializable(typeof(Funnel))]
internal sealed partial class DashboardJson : JsonSerializerContext;
