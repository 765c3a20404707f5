using System.Collections.Concurrent;
using System.Net;

namespace OrderStreams.EndToEnd.Tests.Platform;

/// <summary>
/// An OTLP/HTTP trace endpoint on 127.0.0.1 (<c>POST /v1/traces</c>, protobuf) that keeps every span the services
/// export: decoded here from the wire format, so the test does not take the exporter's word for what a span is.
/// </summary>
internal sealed class OtlpTraceReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, ExportedSpan> spans = new(StringComparer.Ordinal);
    private readonly Task serving;

    public OtlpTraceReceiver()
    {
        var port = ServiceInstance.FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        listener.Prefixes.Add($"{Endpoint}");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>Spans received so far, by span id (hex).</summary>
    public IReadOnlyDictionary<string, ExportedSpan> Spans => spans;

    public void Dispose()
    {
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                foreach (var span in OtlpSpans.Decode(body.ToArray())) spans[span.SpanId] = span;
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
            }
            else
            {
                context.Response.StatusCode = 404;
            }
            context.Response.Close();
        }
    }
}
