using System.Collections.Concurrent;
using System.Net;

namespace OrderStreams.SchemaRegistry.Tests.Support;

/// <summary>Counts and records the requests a client sends, and can answer the first few with a status of its choosing.</summary>
internal sealed class RecordingHandler(int failFirst = 0, HttpStatusCode failWith = HttpStatusCode.ServiceUnavailable) : DelegatingHandler(new SocketsHttpHandler())
{
    private int remainingFailures = failFirst;

    public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

    public int Count => Requests.Count;

    public int CountOf(HttpMethod method, string pathPrefix) =>
        Requests.Count(r => r.Method == method && r.RequestUri!.AbsolutePath.StartsWith(pathPrefix, StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        if (Interlocked.Decrement(ref remainingFailures) >= 0)
            return Task.FromResult(new HttpResponseMessage(failWith) { RequestMessage = request, Content = new StringContent("unavailable") });
        return base.SendAsync(request, cancellationToken);
    }
}
