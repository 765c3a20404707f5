using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrderStreams.Platform.Control;

/// <summary>
/// The dev platform's control API on the dashboard's port (127.0.0.1 only): what <c>orderstreams app</c> uses to start,
/// stop and retire service instances, switch a service's queries to another version, and follow rebuilds. On
/// Kubernetes the same steps are Deployments, a Service selector and annotations (docs/operations.md).
/// </summary>
public static class ControlEndpoints
{
    public static void MapControlEndpoints(this WebApplication app, DevPlatform platform)
    {
        var fleet = platform.Fleet;
        app.MapGet("/api/platform", () => Results.Json(Info(platform), ControlJson.Default.PlatformInfo));
        app.MapPost("/api/instances", (HttpRequest request) => Handle(request, ControlJson.Default.StartRequest, start =>
        {
            var spec = ServiceCatalog.Find(start.Service);
            var instance = fleet.Start(spec, string.IsNullOrEmpty(start.ApplicationId) ? spec.Name : start.ApplicationId, start.Settings);
            return Results.Json(Info(platform, instance), ControlJson.Default.InstanceInfo);
        }));
        app.MapPost("/api/instances/{applicationId}/stop", (string applicationId) => Handle(() =>
            Results.Json(Info(platform, fleet.Stop(applicationId)), ControlJson.Default.InstanceInfo)));
        app.MapPost("/api/instances/{applicationId}/retire", (string applicationId) => Handle(() =>
        {
            fleet.Retire(applicationId);
            return Results.NoContent();
        }));
        app.MapPut("/api/query-routes", (HttpRequest request) => Handle(request, ControlJson.Default.RouteRequest, route =>
        {
            fleet.RouteQueries(route.ApplicationId);
            return Results.Json(Info(platform, fleet.Find(route.ApplicationId)), ControlJson.Default.InstanceInfo);
        }));
        app.MapPost("/api/rebuilds", (HttpRequest request) => Handle(request, ControlJson.Default.FollowRequest, follow =>
        {
            platform.Monitor.Rebuilds.Follow(ServiceCatalog.Find(follow.Service), follow.ApplicationId, follow.Kind, follow.CompleteFrom);
            fleet.MarkCompleteFrom(follow.ApplicationId, follow.CompleteFrom);
            return Results.Accepted();
        }));
    }

    public static PlatformInfo Info(DevPlatform platform) => new(
        platform.Kafka.Cluster.BootstrapServers,
        platform.Registry.Url.ToString(),
        platform.Fleet.Instances.Select(i => Info(platform, i)).ToList());

    private static InstanceInfo Info(DevPlatform platform, ServiceInstance instance)
    {
        // A sample taken before a restart speaks of the previous process.
        var sample = platform.Monitor.Latest is { } latest && latest.At > instance.StartedAt ? latest : null;
        var sampled = sample?.Services.FirstOrDefault(s => s.ApplicationId == instance.ApplicationId)?.State;
        var state = instance.IsRunning ? sampled is "running" or "restoring" ? sampled : "starting" : instance.Lifecycle;
        return new InstanceInfo(
            instance.Spec.Name, instance.ApplicationId, state, platform.Fleet.QueryRoute(instance.Spec.Name) == instance.ApplicationId,
            instance.Url?.ToString(), platform.Fleet.StateDirectoryOf(instance.Spec), instance.ProcessId, instance.Restarts);
    }

    private static async Task<IResult> Handle<T>(HttpRequest request, JsonTypeInfo<T> type, Func<T, IResult> action)
    {
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, type);
        }
        catch (JsonException e)
        {
            return Results.Problem($"The request body is not valid JSON: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        return body is null ? Results.Problem("Send a JSON body.", statusCode: StatusCodes.Status400BadRequest) : Handle(() => action(body));
    }

    private static IResult Handle(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (InvalidDataException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (KeyNotFoundException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (Exception e) when (e is InvalidOperationException or FileNotFoundException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}
