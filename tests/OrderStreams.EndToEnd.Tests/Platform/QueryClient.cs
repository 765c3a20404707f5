using System.Net;
using System.Text.Json;

namespace OrderStreams.EndToEnd.Tests.Platform;

/// <summary>Asks the denormaliser instances in turn, so that every answer also exercises forwarding and gathering between them.</summary>
internal sealed class QueryClient(IReadOnlyList<Uri> instances) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private int next;

    /// <summary>GET <paramref name="pathAndQuery"/>; a 503 (stores moving, an instance not answering) is retried for a while.</summary>
    public async Task<(HttpStatusCode Status, string ContentType, string Body)> GetAsync(string pathAndQuery)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var instance = instances[Interlocked.Increment(ref next) % instances.Count];
            using var response = await http.GetAsync(new Uri(instance, pathAndQuery));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
                return (response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", body);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>GET expecting 200 with a JSON body.</summary>
    public async Task<JsonElement> GetJsonAsync(string pathAndQuery)
    {
        var (status, _, body) = await GetAsync(pathAndQuery);
        if (status != HttpStatusCode.OK) throw new HttpRequestException($"GET {pathAndQuery} answered {(int)status}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public void Dispose() => http.Dispose();
}
