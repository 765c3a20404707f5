using OrderStreams.Kafka.Topics;
using OrderStreams.SchemaRegistry.Server;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.EndToEnd.Tests.Platform;

/// <summary>A one-broker test broker with every manifest topic and a schema registry, for one service under test.</summary>
internal sealed class SingleBroker : IAsyncDisposable
{
    private SingleBroker(TestBroker broker, EmbeddedSchemaRegistry registry, string workDirectory)
    {
        Broker = broker;
        Registry = registry;
        WorkDirectory = workDirectory;
    }

    /// <summary>Apache Kafka in Docker or the embedded cluster, as <see cref="TestBroker.Start(int)"/> chooses.</summary>
    public TestBroker Broker { get; }

    public EmbeddedSchemaRegistry Registry { get; }

    /// <summary>A temporary directory for the registry, service state and logs, deleted on dispose.</summary>
    public string WorkDirectory { get; }

    public static async Task<SingleBroker> StartAsync(string name)
    {
        var workDirectory = Path.Combine(Path.GetTempPath(), $"orderstreams-{name}-{Guid.NewGuid():N}");
        var broker = TestBroker.Start(embeddedBrokers: 1);
        foreach (var topic in TopicManifest.Load(TopicManifest.Locate(RepositoryPaths.Root)).Topics) broker.CreateTopicNamed(topic.Name, topic.Partitions);
        var registry = await EmbeddedSchemaRegistry.StartAsync(Path.Combine(workDirectory, "registry"));
        return new SingleBroker(broker, registry, workDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        Broker.Dispose();
        Directory.Delete(WorkDirectory, recursive: true);
    }
}
