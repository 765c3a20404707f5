using OrderStreams.Kafka.Embedded;
using OrderStreams.Kafka.Topics;
using OrderStreams.SchemaRegistry.Server;
using OrderStreams.Testing;

namespace OrderStreams.EndToEnd.Tests.Platform;

/// <summary>A one-broker embedded cluster with every manifest topic, its control endpoint and a schema registry, for one service under test.</summary>
internal sealed class SingleBroker : IAsyncDisposable
{
    private SingleBroker(EmbeddedKafkaCluster cluster, EmbeddedClusterControl control, EmbeddedSchemaRegistry registry, string workDirectory)
    {
        Cluster = cluster;
        Control = control;
        Registry = registry;
        WorkDirectory = workDirectory;
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public EmbeddedClusterControl Control { get; }

    public EmbeddedSchemaRegistry Registry { get; }

    /// <summary>A temporary directory for the registry, service state and logs, deleted on dispose.</summary>
    public string WorkDirectory { get; }

    public static async Task<SingleBroker> StartAsync(string name)
    {
        var workDirectory = Path.Combine(Path.GetTempPath(), $"orderstreams-{name}-{Guid.NewGuid():N}");
        var cluster = EmbeddedKafkaCluster.Start(brokerCount: 1);
        var control = EmbeddedClusterControl.Start(cluster);
        foreach (var topic in TopicManifest.Load(TopicManifest.Locate(RepositoryPaths.Root)).Topics) cluster.CreateTopic(topic.Name, topic.Partitions, replicationFactor: 1);
        var registry = await EmbeddedSchemaRegistry.StartAsync(Path.Combine(workDirectory, "registry"));
        return new SingleBroker(cluster, control, registry, workDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        Control.Dispose();
        Cluster.Dispose();
        Directory.Delete(WorkDirectory, recursive: true);
    }
}
