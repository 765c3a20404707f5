using System.Text.Json.Serialization;

namespace OrderStreams.Platform.Control;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PlatformInfo))]
[JsonSerializable(typeof(InstanceInfo))]
[JsonSerializable(typeof(StartRequest))]
[JsonSerializable(typeof(RouteRequest))]
[JsonSerializable(typeof(FollowRequest))]
[JsonSerializable(typeof(ProblemBody))]
public sealed partial class ControlJson : JsonSerializerContext;

/// <summary>The part of a problem+json body the client shows.</summary>
public sealed record ProblemBody(string? Title, string? Detail);
