using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using OrderStreams.PaymentCompletion;
using OrderStreams.SchemaRegistry.Server;
using OrderStreams.Streams;
using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests;

/// <summary>
/// payment-completion as its own process on the test broker and the embedded schema registry, fed by <c>orderstreams simulate</c>,
/// starting with a long restore: its changelog holds many tombstones, so the restore metrics are there for a while.
/// </summary>
public sealed class LivePlatformFixture : IAsyncLifetime
{
    private const int Tombstones = 600_000;

    private readonly string state = Directory.CreateTempSubdirectory("deploy-live-").FullName;
    private TestBrokerFixture? kafka;
    private EmbeddedSchemaRegistry? registry;
    private ChildProcess? simulator;

    public ChildProcess Service { get; private set; } = null!;

    public Uri Url { get; } = new($"http://127.0.0.1:{FreePort()}");

    public async Task InitializeAsync()
    {
        kafka = new TestBrokerFixture();
        foreach (var topic in Support.DeployFiles.Topics.Topics) kafka.Broker.CreateTopicNamed(topic.Name, topic.Partitions);
        var changelog = Topology.ChangelogTopic(PaymentCompletionService.Name, PaymentCompletionTopology.StateStore);
        kafka.Broker.CreateTopicNamed(changelog, 12);
        ProduceTombstones(changelog);
        registry = await EmbeddedSchemaRegistry.StartAsync(Path.Combine(state, "registry"));

        var serviceAssembly = RepositoryPaths.AssemblyOf("services/OrderStreams.PaymentCompletion", "OrderStreams.PaymentCompletion");
        Service = ChildProcess.StartDotnet(serviceAssembly, ["--contentRoot", Path.GetDirectoryName(serviceAssembly)!], new Dictionary<string, string>(kafka.Broker.ServiceEnvironment())
        {
            ["Kafka__ConsumerSettings__fetch.wait.max.ms"] = "10",
            ["SchemaRegistry__Url"] = registry.Url.ToString(),
            ["Streams__StateDir"] = Path.Combine(state, "{slot}"),
            ["Urls"] = Url.ToString(),
        });
        simulator = ChildProcess.StartDotnet(RepositoryPaths.AssemblyOf("src/OrderStreams.Cli", "orderstreams"),
            ["simulate", "--bootstrap-servers", kafka.BootstrapServers, "--schema-registry-url", registry.Url.ToString(), "--orders-per-second", "50"]);
    }

    public async Task DisposeAsync()
    {
        simulator?.Stop(TimeSpan.FromSeconds(30));
        simulator?.Dispose();
        if (Service is not null)
        {
            Service.Stop(TimeSpan.FromSeconds(60));
            Service.Dispose();
        }
        if (registry is not null) await registry.DisposeAsync();
        kafka?.Dispose();
        Directory.Delete(state, recursive: true);
    }

    private void ProduceTombstones(string topic)
    {
        var config = kafka!.ProducerConfig();
        config.LingerMs = 50;
        config.BatchNumMessages = 10_000;
        using var producer = new ProducerBuilder<byte[], Null>(config).Build();
        for (var i = 0; i < Tombstones; i++)
        {
            var message = new Message<byte[], Null> { Key = BitConverter.GetBytes(i) };
            while (true)
            {
                try
                {
                    producer.Produce(new TopicPartition(topic, new Partition(i % 12)), message);
                    break;
                }
                catch (ProduceException<byte[], Null> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }
        producer.Flush(TimeSpan.FromMinutes(2));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
