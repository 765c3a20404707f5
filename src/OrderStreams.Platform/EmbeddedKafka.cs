using OrderStreams.Kafka.Embedded;
using OrderStreams.Kafka.Topics;

namespace OrderStreams.Platform;

/// <summary>The embedded cluster with its control endpoint and every topic of the manifest: what <c>broker</c> and <c>dev</c> start.</summary>
public sealed class EmbeddedKafka : IDisposable
{
    private EmbeddedKafka(EmbeddedKafkaCluster cluster, EmbeddedClusterControl control, TopicManifest manifest)
    {
        Cluster = cluster;
        Control = control;
        Manifest = manifest;
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public EmbeddedClusterControl Control { get; }

    public TopicManifest Manifest { get; }

    /// <summary>The <c>key=value</c> lines other processes need to reach it; the first is <c>bootstrap.servers</c>.</summary>
    public IReadOnlyList<string> ConnectionLines =>
        [$"bootstrap.servers={Cluster.BootstrapServers}", $"{EmbeddedClusterControl.UrlSetting}={Control.Url}"];

    public static EmbeddedKafka Start(int brokers, string? manifestPath)
    {
        var manifest = TopicManifest.Load(manifestPath ?? TopicManifest.Locate(Environment.CurrentDirectory));
        var cluster = EmbeddedKafkaCluster.Start(brokers);
        try
        {
            foreach (var topic in manifest.Topics) cluster.CreateTopic(topic.Name, topic.Partitions, topic.ReplicationFactor);
            return new EmbeddedKafka(cluster, EmbeddedClusterControl.Start(cluster), manifest);
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Control.Dispose();
        Cluster.Dispose();
    }
}
