using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrderStreams.Kafka.Embedded;

/// <summary>
/// A small HTTP endpoint beside the embedded cluster that creates and lists topics, standing in for the
/// CreateTopics API the mock cluster lacks, so that clients in other processes (services creating their
/// changelog topics, the CLI) can create topics with the right partition count.
/// </summary>
/// <remarks><c>GET /topics</c> lists <c>{name: partitions}</c>; <c>POST /topics</c> with <c>{"name","partitions","replicationFactor"}</c>
/// answers 201 (created), 200 (already there), 409 (there with another partition count) or 400 when Kafka would refuse it
/// (an illegal name, fewer than one partition, a replication factor outside 1 to the broker count); errors are problem+json.
/// For fault injection, <c>POST /brokers/{id}/down</c> and <c>/up</c> take a broker off the network and back, and
/// <c>POST /errors</c> with <c>{"apiKey","errorCodes"}</c> makes the next requests of that Kafka API fail with those codes, and
/// <c>POST /coordinators</c> with <c>{"keyType": "group", "key", "broker"}</c> moves a group's coordinator to another broker.
/// <c>POST /records/delete</c> with <c>{"partitions": [{"topic", "partition", "beforeOffset"}]}</c> stands in for Kafka's
/// DeleteRecords (409 when a partition is unknown or the offset past its end).</remarks>
public sealed partial class EmbeddedClusterControl : IDisposable
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
                    var problem = topic is null ? "Send {\"name\": ..., \"partitions\": >= 1}." : topic.Problem(cluster.BrokerCount);
                    if (problem is not null)
                    {
                        await ReplyProblemAsync(response, HttpStatusCode.BadRequest, problem);
                        break;
                    }
                    var created = cluster.CreateTopic(topic!.Name, topic.Partitions, topic.Replicas(cluster.BrokerCount));
                    await ReplyAsync(response, created ? HttpStatusCode.Created : HttpStatusCode.OK, topic);
                    break;
                case ("POST", "/errors"):
                    var injection = await JsonSerializer.DeserializeAsync(request.InputStream, ControlJson.Default.ErrorInjection);
                    if (injection is not { ApiKey: >= 0, ErrorCodes.Length: > 0 })
                    {
                        await ReplyProblemAsync(response, HttpStatusCode.BadRequest, "Send {\"apiKey\": >= 0, \"errorCodes\": [Kafka error codes, at least one]}.");
                        break;
                    }
                    cluster.InjectRequestErrors(injection.ApiKey, injection.ErrorCodes);
                    await ReplyAsync(response, HttpStatusCode.OK, injection);
                    break;
                case ("POST", "/coordinators"):
                    var move = await JsonSerializer.DeserializeAsync(request.InputStream, ControlJson.Default.CoordinatorMove);
                    if ((move is null ? "Send {\"keyType\": \"group\", \"key\": ..., \"broker\": id}." : move.Problem(cluster.BrokerCount)) is { } wrong)
                    {
                        await ReplyProblemAsync(response, HttpStatusCode.BadRequest, wrong);
                        break;
                    }
                    cluster.SetCoordinator(move!.KeyType, move.Key, move.Broker);
                    await ReplyAsync(response, HttpStatusCode.OK, move);
                    break;
                case ("POST", "/records/delete"):
                    var deletion = await JsonSerializer.DeserializeAsync(request.InputStream, ControlJson.Default.DeleteRecordsRequest);
                    if ((deletion is null ? "Send {\"partitions\": [...]}." : deletion.Problem()) is { } invalid)
                    {
                        await ReplyProblemAsync(response, HttpStatusCode.BadRequest, invalid);
                        break;
                    }
                    foreach (var partition in deletion!.Partitions) cluster.DeleteRecords(partition.Topic, partition.Partition, partition.BeforeOffset);
                    await ReplyAsync(response, HttpStatusCode.OK, deletion);
                    break;
                case ("POST", var path) when BrokerCommand().Match(path ?? "") is { Success: true } command:
                    await SetBrokerAsync(response, int.Parse(command.Groups["id"].Value, CultureInfo.InvariantCulture), command.Groups["state"].Value);
                    break;
                default:
                    await ReplyProblemAsync(response, HttpStatusCode.NotFound, "Use GET or POST /topics, POST /brokers/{id}/down or /up, POST /errors, POST /coordinators or POST /records/delete.");
                    break;
            }
        }
        catch (JsonException e)
        {
            await ReplyProblemAsync(response, HttpStatusCode.BadRequest, $"Invalid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            await ReplyProblemAsync(response, HttpStatusCode.Conflict, e.Message);
        }
        catch (Exception e) when (e is not HttpListenerException)
        {
            // The endpoint must keep serving; the caller gets the reason, never a stack trace.
            await ReplyProblemAsync(response, HttpStatusCode.InternalServerError, e.Message);
        }
    }

    private async Task SetBrokerAsync(HttpListenerResponse response, int brokerId, string state)
    {
        if (brokerId < 1 || brokerId > cluster.BrokerCount)
        {
            await ReplyProblemAsync(response, HttpStatusCode.NotFound, $"No broker {brokerId}; the brokers are 1 to {cluster.BrokerCount}.");
            return;
        }
        if (state == "down") cluster.SetBrokerDown(brokerId);
        else cluster.SetBrokerUp(brokerId);
        await ReplyAsync(response, HttpStatusCode.OK, new BrokerState(brokerId, state));
    }

    [GeneratedRegex("^/brokers/(?<id>[0-9]{1,9})/(?<state>down|up)$")]
    private static partial Regex BrokerCommand();

    private static Task ReplyProblemAsync(HttpListenerResponse response, HttpStatusCode status, string detail) =>
        ReplyAsync(response, status, new ControlProblem(status.ToString(), (int)status, detail), "application/problem+json");

    private static async Task ReplyAsync<T>(HttpListenerResponse response, HttpStatusCode status, T body, string contentType = "application/json")
    {
        response.StatusCode = (int)status;
        response.ContentType = contentType;
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
