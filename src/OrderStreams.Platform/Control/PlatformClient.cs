using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OrderStreams.Platform.Control;

/// <summary>The CLI's side of the dev platform's control API (<see cref="ControlEndpoints"/>).</summary>
public sealed class PlatformClient(Uri url) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };

    public Uri Url { get; } = url;

    /// <summary>The platform at <paramref name="given"/>, else the running <c>orderstreams dev</c> of this checkout, else null.</summary>
    public static PlatformClient? Find(Uri? given)
    {
        if (given is not null) return new PlatformClient(given);
        try
        {
            return ConnectionFile.Read(Checkout.DevStateDirectory()).GetValueOrDefault(Dashboard.DashboardServer.UrlSetting) is { } running
                ? new PlatformClient(new Uri(running))
                : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public Task<PlatformInfo> InfoAsync(CancellationToken cancellation) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/platform"), ControlJson.Default.PlatformInfo, cancellation);

    public Task<InstanceInfo> StartAsync(string service, string applicationId, CancellationToken cancellation, IReadOnlyDictionary<string, string>? settings = null) =>
        SendAsync(Post("api/instances", new StartRequest(service, applicationId, settings), ControlJson.Default.StartRequest), ControlJson.Default.InstanceInfo, cancellation);

    public Task<InstanceInfo> StopAsync(string applicationId, CancellationToken cancellation) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/instances/{Uri.EscapeDataString(applicationId)}/stop"), ControlJson.Default.InstanceInfo, cancellation);

    public Task RetireAsync(string applicationId, CancellationToken cancellation) =>
        SendAsync<object>(new HttpRequestMessage(HttpMethod.Post, $"api/instances/{Uri.EscapeDataString(applicationId)}/retire"), null, cancellation);

    public Task<InstanceInfo> RouteQueriesAsync(string applicationId, CancellationToken cancellation)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "api/query-routes") { Content = JsonContent.Create(new RouteRequest(applicationId), ControlJson.Default.RouteRequest) };
        return SendAsync(request, ControlJson.Default.InstanceInfo, cancellation);
    }

    /// <summary>Has the platform follow a rebuild: its dashboard shows the progress, its /metrics mark the lag as expected.</summary>
    /// <param name="completeFrom">From when the rebuilt view is complete (its log lost earlier records), or null with the whole history.</param>
    public Task FollowAsync(string service, string applicationId, string kind, DateTimeOffset? completeFrom, CancellationToken cancellation)
    {
        var follow = new FollowRequest(service, applicationId, kind, completeFrom);
        return SendAsync<object>(Post("api/rebuilds", follow, ControlJson.Default.FollowRequest), null, cancellation);
    }

    public void Dispose() => http.Dispose();

    private static HttpRequestMessage Post<T>(string path, T body, JsonTypeInfo<T> type) =>
        new(HttpMethod.Post, path) { Content = JsonContent.Create(body, type) };

    private async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T>? type, CancellationToken cancellation)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellation);
            }
            catch (HttpRequestException e)
            {
                throw new PlatformException($"The dev platform at {Url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped)} does not answer ({e.Message}); is orderstreams dev running?");
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    var problem = await ReadProblemAsync(response, cancellation);
                    throw new PlatformException($"The dev platform refused: {problem}");
                }
                return type is null ? default! : await response.Content.ReadFromJsonAsync(type, cancellation) ?? throw new PlatformException("The dev platform sent an empty answer.");
            }
        }
    }

    private static async Task<string> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        var text = await response.Content.ReadAsStringAsync(cancellation);
        try
        {
            return JsonSerializer.Deserialize(text, ControlJson.Default.ProblemBody) is { Detail: { } detail } ? detail : text;
        }
        catch (JsonException)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
    }
}
