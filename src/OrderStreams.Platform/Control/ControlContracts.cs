namespace OrderStreams.Platform.Control;

/// <summary><c>GET /api/platform</c>: how to reach the platform's cluster, and its service instances.</summary>
public sealed record PlatformInfo(string BootstrapServers, string SchemaRegistryUrl, IReadOnlyList<InstanceInfo> Instances);

/// <summary>One service instance of the platform.</summary>
/// <param name="Service">Service name.</param>
/// <param name="ApplicationId">Application id (consumer group).</param>
/// <param name="State">running, restoring, starting, stopped, restarting in Ns (after a crash) or crashed (given up after repeated crashes).</param>
/// <param name="Serving">Whether the query gateway forwards the service's queries here.</param>
/// <param name="Url">Its HTTP endpoints while it runs.</param>
/// <param name="StateDirectory">Its <c>Streams:StateDir</c> (the application's state is in a directory named after its id below it).</param>
/// <param name="ProcessId">Its process id while it runs.</param>
/// <param name="Restarts">How often the platform started it again after a crash.</param>
public sealed record InstanceInfo(
    string Service, string ApplicationId, string State, bool Serving, string? Url, string StateDirectory, int? ProcessId = null, int Restarts = 0);

/// <summary>
/// <c>POST /api/instances</c>: start a service under an application id (default: its name), optionally with
/// configuration of its own (<c>Streams:ProcessUntil</c>, <c>Denormaliser:ViewTopic</c>: a replay), which an instance
/// keeps across stop and start and which keeps it from becoming the service's query route.
/// </summary>
public sealed record StartRequest(string Service, string? ApplicationId, IReadOnlyDictionary<string, string>? Settings = null);

/// <summary><c>PUT /api/query-routes</c>: make this instance answer its service's queries.</summary>
public sealed record RouteRequest(string ApplicationId);

/// <summary>
/// <c>POST /api/rebuilds</c>: follow a rebuild on the dashboard and in <c>orderstreams_rebuild_in_progress</c>. With
/// <paramref name="CompleteFrom"/> (its log lost earlier records) the instance is started with <c>Streams:CompleteFrom</c>
/// from then on, and without it, that setting is dropped.
/// </summary>
public sealed record FollowRequest(string Service, string ApplicationId, string Kind, DateTimeOffset? CompleteFrom = null);
