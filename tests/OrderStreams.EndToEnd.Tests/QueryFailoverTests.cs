using System.Net;
using System.Text.Json;
using Confluent.SchemaRegistry;
using OrderStreams.EndToEnd.Tests.Platform;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Kafka.Topics;
using OrderStreams.SchemaRegistry;
using OrderStreams.SchemaRegistry.Server;
using OrderStreams.Simulator;
using OrderStreams.Simulator.Kafka;
using OrderStreams.Testing;

namespace OrderStreams.EndToEnd.Tests;

/// <summary>
/// Denormaliser instances as separate processes: one is killed with SIGKILL (no clean leave, no removal from the
/// instance registry), a new one takes its partitions, and a query spread over every partition must answer whole
/// again within a bounded time, asking only the instances that own partitions now.
/// </summary>
public sealed class QueryFailoverTests : IAsyncLifetime
{
    private const int OrdersPerBranch = 3;

    /// <summary>Session timeout (6 s) for the killed member to leave the group, the rebalance, the new claims: well within this.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);

    private readonly string workDirectory = Path.Combine(Path.GetTempPath(), $"orderstreams-failover-{Guid.NewGuid():N}");
    private readonly List<ServiceInstance> denormalisers = [];
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private EmbeddedKafkaCluster? cluster;
    private EmbeddedClusterControl? control;
    private EmbeddedSchemaRegistry? registry;
    private ISchemaRegistryClient? registryClient;
    private KafkaTrafficSink? sink;
    private Dictionary<string, HashSet<Guid>> ordersByBranch = [];
    private string lastAnswer = "none";

    public async Task InitializeAsync()
    {
        cluster = EmbeddedKafkaCluster.Start(brokerCount: 1);
        control = EmbeddedClusterControl.Start(cluster);
        foreach (var topic in TopicManifest.Load(TopicManifest.Locate(RepositoryPaths.Root)).Topics)
            cluster.CreateTopic(topic.Name, topic.Partitions, replicationFactor: 1);
        registry = await EmbeddedSchemaRegistry.StartAsync(Path.Combine(workDirectory, "registry"));
        registryClient = new SchemaRegistrySettings { Url = registry.Url.ToString() }.CreateClient();
        sink = new KafkaTrafficSink(new KafkaClientFactory(KafkaClientSettings.For(cluster.BootstrapServers)), registryClient);
        var simulator = new TrafficSimulator(new SimulatorOptions { Seed = 7, DriversPerBranch = 2 }, sink, DateTimeOffset.UtcNow);
        ordersByBranch = simulator.City.Branches.ToDictionary(
            b => b.BranchId, b => Enumerable.Range(0, OrdersPerBranch).Select(_ => simulator.PlaceOrderNow(b.BranchId).OrderId).ToHashSet());
        simulator.AdvanceTo(DateTimeOffset.UtcNow);
        sink.Flush(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in denormalisers) instance.Dispose();
        http.Dispose();
        sink?.Dispose();
        registryClient?.Dispose();
        if (registry is not null) await registry.DisposeAsync();
        control?.Dispose();
        cluster?.Dispose();
        try
        {
            Directory.Delete(Path.Combine(workDirectory, "state"), recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task BranchOrders_AnInstanceKilledAndReplaced_AnswerWholeAgainFromTheCurrentOwners()
    {
        var (killed, survivor) = (Start(), Start());
        await Eventually.Until(() => AllReadyAsync(killed, survivor), Generous, Logs);
        await Eventually.Until(() => AnswersWholeAsync(survivor), Generous, () => $"last answer {lastAnswer}\n{Logs()}");

        killed.Kill();
        var replacement = Start();
        await Eventually.Until(() => AllReadyAsync(survivor, replacement), Generous, Logs);
        var deadline = DateTime.UtcNow + AnswerBound;
        while (!await AnswersWholeAsync(survivor) && DateTime.UtcNow < deadline) await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.True(await AnswersWholeAsync(survivor), $"Not answered whole within {AnswerBound}; last answer {lastAnswer}\n{Logs()}");
        Assert.True(await AnswersWholeAsync(replacement), $"The replacement did not answer whole; last answer {lastAnswer}\n{Logs()}");
        using var stale = await http.GetAsync(new Uri(survivor.Url, $"/branches/{ordersByBranch.Keys.First()}/orders?stale=true"));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.False(stale.Headers.Contains("Stale-Partitions"), "nothing restores any more, so nothing was read stale");
    }

    private ServiceInstance Start()
    {
        var environment = new Dictionary<string, string>
        {
            ["Kafka__BootstrapServers"] = cluster!.BootstrapServers,
            ["Kafka__EmbeddedAdminUrl"] = control!.Url.ToString(),
            ["Kafka__ConsumerSettings__fetch.wait.max.ms"] = "10",
            // A killed member leaves the group after its session timeout: short, so the test is quick.
            ["Kafka__ConsumerSettings__session.timeout.ms"] = "6000",
            ["Kafka__ConsumerSettings__heartbeat.interval.ms"] = "500",
            ["SchemaRegistry__Url"] = registry!.Url.ToString(),
            ["Streams__CommitIntervalMs"] = "500",
            ["Denormaliser__ForwardTimeout"] = "00:00:20",
        };
        var instance = ServiceInstance.Start("denormaliser", "services/OrderStreams.Denormaliser", "OrderStreams.Denormaliser", environment, workDirectory);
        denormalisers.Add(instance);
        return instance;
    }

    /// <summary>Every branch's orders, asked of <paramref name="instance"/>: 200 and exactly the orders placed there.</summary>
    private async Task<bool> AnswersWholeAsync(ServiceInstance instance)
    {
        foreach (var (branch, expected) in ordersByBranch)
        {
            using var response = await http.GetAsync(new Uri(instance.Url, $"/branches/{branch}/orders"));
            var body = await response.Content.ReadAsStringAsync();
            lastAnswer = $"{instance.Url} {branch}: {(int)response.StatusCode} {body}";
            if (response.StatusCode != HttpStatusCode.OK) return false;
            var actual = JsonDocument.Parse(body).RootElement.EnumerateArray().Select(v => v.GetProperty("orderId").GetGuid()).ToHashSet();
            if (!actual.SetEquals(expected)) return false;
        }
        return true;
    }

    private static async Task<bool> AllReadyAsync(params ServiceInstance[] instances)
    {
        foreach (var instance in instances)
        {
            if (instance.HasExited) throw new InvalidOperationException($"{instance.Name} exited.\n{instance.LogTail()}");
            if (!await instance.IsReadyAsync()) return false;
        }
        return true;
    }

    private string Logs() => string.Join("\n\n", denormalisers.Select(d => d.LogTail(15)));
}
