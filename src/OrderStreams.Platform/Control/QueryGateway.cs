using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrderStreams.Hosting.Streams;

namespace OrderStreams.Platform.Control;

/// <summary>
/// <c>GET /query/{service}/{path}</c>: the stable address of a service's query API. It forwards to the instance that is
/// the service's query route, so a blue/green rebuild switches readers by moving the route, as a Kubernetes Service
/// selector would. <c>GET /query/{applicationId}/{path}</c> asks that instance itself (a replay as of a time). The
/// answer names the instance in <c>X-OrderStreams-Instance</c> and keeps its <c>Stale-Partitions</c> header.
/// </summary>
public static class QueryGateway
{
    public const string InstanceHeader = "X-OrderStreams-Instance";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static void MapQueryGateway(this WebApplication app, ServiceFleet fleet) =>
        app.MapGet("/query/{service}/{**path}", async (string service, string? path, HttpContext http) =>
        {
            var route = fleet.QueryRoute(service)
                ?? fleet.Instances.FirstOrDefault(i => i.ApplicationId == service && i.Spec.ServesQueries)?.ApplicationId;
            if (route is null)
                return Results.Problem($"'{service}' serves no queries on this platform (neither a service nor an instance that answers queries).", statusCode: StatusCodes.Status404NotFound);
            if (fleet.Instances.FirstOrDefault(i => i.ApplicationId == route)?.Url is not { } url)
                return Results.Problem($"{service}'s queries go to '{route}', which is not running.", statusCode: StatusCodes.Status503ServiceUnavailable);
            try
            {
                using var response = await Http.GetAsync(new Uri(url, "/" + path + http.Request.QueryString), http.RequestAborted);
                http.Response.Headers[InstanceHeader] = route;
                if (response.Headers.TryGetValues(StaleReads.Header, out var stale))
                    http.Response.Headers[StaleReads.Header] = string.Join(",", stale);
                var body = await response.Content.ReadAsStringAsync(http.RequestAborted);
                return Results.Content(body, response.Content.Headers.ContentType?.ToString() ?? "application/json", statusCode: (int)response.StatusCode);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return Results.Problem($"'{route}' did not answer: {e.Message}", statusCode: StatusCodes.Status502BadGateway);
            }
        });
}
