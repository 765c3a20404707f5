using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace OrderStreams.Kafka.Embedded;

/// <summary>
/// A small HTTP endpoint beside the embedded cluster that creates and lists topics, standing in for the
/// CreateTopics API the mock cluster lacks, so that clients in other processes (services creating their
/// changelog topics, the CLI) can create topics with the right partition count.
/// </summary>
/// <remarks><c>GET /topics</c> lists <c>{name: partitions}</c>; <c>POST /topics</c> with <c>{"name","partitions","replicationFactor"}</c>
/// answers 201 (created), 200 (already there) or 409 (there with another partition count).</remarks>
public sealed class EmbeddedClusterControl : IDisposable
{
    /// <summary>The client setting that carries <see cref="Url"/> to other processes.</summary>
    public const string UrlSetting = "embedded.admin.url";

    private readonly EmbeddedKafkaCluster cluster;
    private readonly HttpListener listener;
    private readonly Task serving;

    private EmbeddedClusterControl(EmbeddedKafkaCluster cluster, HttpListener listener, Uri url)
    {
        this.cluster = cluster;
        this.listener = listener;
        Url = url;
        serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public static EmbeddedClusterControl Start(EmbeddedKafkaCluster cluster)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        var listener = new HttpListener();
        listener.Prefixes.Add(url.ToString());
        listener.Start();
        return new EmbeddedClusterControl(cluster, listener, url);
    }

    public void Dispose()
    {
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
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
            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var (request, response) = (context.Request, context.Response);
        try
        {
            switch (request.HttpMethod, request.Url?.AbsolutePath.TrimEnd('/'))
            {
                case ("GET", "/topics"):
                    await ReplyAsync(response, HttpStatusCode.OK, cluster.Topics);
                    break;
                case ("POST", "/topics"):
                    var topic = await JsonSerializer.DeserializeAsync(request.InputStream, ControlJson.Default.TopicRequest);
                    if (topic is null || string.IsNullOrWhiteSpace(topic.Name) || topic.Partitions < 1)
                    {
                        await ReplyAsync(response, HttpStatusCode.BadRequest, new ControlError("Send {\"name\": ..., \"partitions\": >= 1}."));
                        break;
                    }
                    var created = cluster.CreateTopic(topic.Name, topic.Partitions, topic.ReplicationFactor ?? 3);
                    await ReplyAsync(response, created ? HttpStatusCode.Created : HttpStatusCode.OK, topic);
                    break;
                default:
                    await ReplyAsync(response, HttpStatusCode.NotFound, new ControlError("Use GET or POST /topics."));
                    break;
            }
        }
        catch (JsonException e)
        {
            await ReplyAsync(response, HttpStatusCode.BadRequest, new ControlError($"Invalid JSON: {e.Message}"));
        }
        catch (InvalidOperationException e)
        {
            await ReplyAsync(response, HttpStatusCode.Conflict, new ControlError(e.Message));
        }
    }

    private static async Task ReplyAsync<T>(HttpListenerResponse response, HttpStatusCode status, T body)
    {
        response.StatusCode = (int)status;
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.OutputStream, body, typeof(T), ControlJson.Default);
        response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
